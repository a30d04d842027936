package io.voxtok.modelio;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes PyTorch checkpoints in the zip format of {@code torch.save} (PyTorch 1.6 and later), so that
 * {@code torch.load} and {@link StateDict#read} both read them.
 *
 * <p>The archive holds, under a top folder named after the file's stem (as PyTorch names it; {@code archive} when the
 * stem cannot be used): {@code data.pkl}, a protocol-2 pickle of the object; {@code byteorder} ({@code little}, as
 * PyTorch 2.1 and later write and older versions ignore); one uncompressed record {@code data/<key>} per storage,
 * 64-byte aligned, with the tensor's little-endian bytes; and {@code version} ({@code 3}). Each tensor is pickled the
 * way PyTorch pickles a CPU tensor: {@code torch._utils._rebuild_tensor_v2(storage, 0, size, stride, False,
 * OrderedDict())} with the persistent id {@code ('storage', torch.<Type>Storage, key, 'cpu', numel)} and row-major
 * strides. A state dict is pickled as {@code collections.OrderedDict}, like {@code Module.state_dict()}, but without
 * its {@code _metadata} attribute (per-module version numbers), which {@code load_state_dict} treats as optional.
 *
 * <p>Values of {@link #writeObject}: {@link Tensor}, {@link StateDict} (an OrderedDict of its tensors),
 * {@link Map} (a dict, in iteration order; keys must be strings, integers, floats, booleans or null),
 * {@link List} (a list), {@link String}, {@link Boolean}, {@link Long}/{@link Integer}/{@link Short}/{@link Byte}/
 * {@link BigInteger} (int), {@link Double}/{@link Float} (float) and {@code null} (None). The same {@link Tensor}
 * object met twice (tied weights) is written once and shared, as PyTorch shares one tensor saved under two names;
 * distinct Tensor objects always get distinct storages.
 *
 * <p>The writer is the inverse of the safe reader: the only globals it names are {@code collections.OrderedDict},
 * {@code torch._utils._rebuild_tensor_v2} and the {@code torch.*Storage} classes, so everything it writes loads in
 * {@link PickleReader}. It refuses what the reader would refuse or change: nesting deeper than the reader follows,
 * containers that contain themselves, dict keys Python would merge ({@code 1}, {@code 1.0} and {@code true}), and
 * tensors whose dot-joined names (the names {@link StateDict#read} gives) would collide. Everything is checked and
 * pickled before the file is touched, and the file is written atomically through {@link AtomicFiles}.
 */
public final class TorchZipWriter {
    /** Storage class of each element type, as {@code TypedStorage.pickle_storage_type()} names it. */
    static final Map<DType, String> STORAGE_TYPES = Map.of(DType.FLOAT32, "FloatStorage",
            DType.FLOAT64, "DoubleStorage", DType.FLOAT16, "HalfStorage", DType.BFLOAT16, "BFloat16Storage",
            DType.INT64, "LongStorage", DType.INT32, "IntStorage", DType.INT16, "ShortStorage",
            DType.INT8, "CharStorage", DType.UINT8, "ByteStorage", DType.BOOL, "BoolStorage");

    /** The {@code version} record of a {@code torch.save} archive. */
    static final String FORMAT_VERSION = "3\n";

    /** The top folder when the file's stem cannot name it; what {@code torch.save} uses for in-memory buffers. */
    static final String DEFAULT_ARCHIVE_NAME = "archive";

    /** Pickle items per SETITEMS/APPENDS, as Python's pickler batches them. */
    private static final int BATCH = 1000;

    private TorchZipWriter() {
    }

    /**
     * Writes a state dict as {@code torch.save(module.state_dict(), file)} would: an OrderedDict of its tensors in
     * key order.
     *
     * @throws io.voxtok.api.VoxtokException when the file cannot be written (see {@link AtomicFiles})
     */
    public static void write(Path file, StateDict dict) {
        writeObject(file, dict);
    }

    /**
     * Writes named tensors as an OrderedDict in map order, like a state dict.
     *
     * @throws IllegalArgumentException for a null key or tensor
     */
    public static void write(Path file, Map<String, Tensor> tensors) {
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new IllegalArgumentException("cannot write " + file + ": a state dict needs a name and a tensor "
                        + "for every entry, got " + e.getKey() + " -> " + e.getValue());
            }
        }
        writeObject(file, StateDict.of(tensors, null));
    }

    /**
     * Writes a nested object, for example a trainer's {@code {"model": stateDict, "optimizer": {...},
     * "step": 1200}}; see the class comment for the value types.
     *
     * @param root a {@link Map} (pickled as a dict) or a {@link StateDict} (an OrderedDict)
     * @throws IllegalArgumentException naming the file and the value's dotted path when a value cannot be written
     * @throws io.voxtok.api.VoxtokException when the file cannot be written (see {@link AtomicFiles})
     */
    public static void writeObject(Path file, Object root) {
        write(file, root, Zip64.WHEN_NEEDED);
    }

    /** When zip64 records are used: tests force them to check that layout without gigabytes of data. */
    enum Zip64 {
        WHEN_NEEDED(0xFFFFFFFFL), ALWAYS(0);

        final long limit;

        Zip64(long limit) {
            this.limit = limit;
        }
    }

    static void write(Path file, Object root, Zip64 zip64) {
        if (!(root instanceof Map<?, ?>) && !(root instanceof StateDict)) {
            throw new IllegalArgumentException("cannot write " + file + ": the top-level object must be a Map or a "
                    + "StateDict (a dict of named values), not " + typeName(root));
        }
        Encoder encoder = new Encoder(file);
        byte[] pickle = encoder.encode(root);
        String top = archiveName(file) + "/";
        AtomicFiles.write(file, out -> {
            AlignedZipWriter zip = new AlignedZipWriter(out, zip64.limit);
            zip.add(top + "data.pkl", pickle);
            zip.add(top + "byteorder", "little".getBytes(StandardCharsets.US_ASCII));
            // torch.save writes storages in the string order of their keys ('0', '1', '10', '2', ...).
            for (Map.Entry<String, Tensor> e : new TreeMap<>(encoder.storages).entrySet()) {
                zip.add(top + "data/" + e.getKey(), e.getValue().data());
            }
            zip.add(top + "version", FORMAT_VERSION.getBytes(StandardCharsets.US_ASCII));
            zip.finish();
        });
    }

    /**
     * The archive's top folder: the file name without its last extension, as PyTorch's writer derives it, unless
     * that is empty or holds characters that zip readers treat specially.
     */
    static String archiveName(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            return DEFAULT_ARCHIVE_NAME;
        }
        String stem = name.toString();
        int dot = stem.lastIndexOf('.');
        if (dot >= 0) {
            stem = stem.substring(0, dot);
        }
        if (stem.isEmpty() || stem.length() > 200 || !stem.matches("[A-Za-z0-9_.+-]+") || stem.matches("\\.+")) {
            return DEFAULT_ARCHIVE_NAME;
        }
        return stem;
    }

    /** Row-major strides, as {@code Tensor.contiguous()} computes them (size-0 dimensions count as 1). */
    static long[] contiguousStrides(long[] shape) {
        long[] stride = new long[shape.length];
        long step = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            stride[d] = step;
            step *= Math.max(shape[d], 1);
        }
        return stride;
    }

    private static String typeName(Object value) {
        return value == null ? "null" : value.getClass().getName();
    }

    /** Turns the object into pickle opcodes and collects the storages, checking everything on the way. */
    private static final class Encoder {
        /** Stands for Python's None as a dict key when comparing keys. */
        private static final Object NONE_KEY = new Object();

        private final Path file;
        private final PickleWriter pickle = new PickleWriter();
        /** Storage key to tensor, in first-use order. */
        final Map<String, Tensor> storages = new LinkedHashMap<>();
        /** Memo slot of each tensor already pickled, so a tensor used twice is shared. */
        private final Map<Tensor, Integer> tensorSlots = new IdentityHashMap<>();
        /** Containers on the current path, to refuse cycles. */
        private final Set<Object> onPath = Collections.newSetFromMap(new IdentityHashMap<>());
        /** The names {@link TorchZipReader} will give the tensors, to refuse collisions. */
        private final Map<String, String> flatNames = new HashMap<>();

        Encoder(Path file) {
            this.file = file;
        }

        byte[] encode(Object root) {
            value(root, "", 0);
            return pickle.finish();
        }

        /**
         * @param path  the dot-joined name the reader gives this value (map keys and list indices)
         * @param depth container depth, counted as the reader counts it
         */
        private void value(Object v, String path, int depth) {
            if (v == null) {
                pickle.none();
            } else if (v instanceof Boolean b) {
                pickle.bool(b);
            } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
                pickle.integer(((Number) v).longValue());
            } else if (v instanceof BigInteger big) {
                pickle.integer(big);
            } else if (v instanceof Double || v instanceof Float) {
                pickle.floating(((Number) v).doubleValue());
            } else if (v instanceof String s) {
                string(s, path);
            } else if (v instanceof Tensor t) {
                tensor(t, path);
            } else if (v instanceof StateDict sd) {
                enter(sd, path, depth);
                orderedDict(sd, path, depth);
                onPath.remove(sd);
            } else if (v instanceof Map<?, ?> map) {
                enter(map, path, depth);
                dict(map, path, depth);
                onPath.remove(map);
            } else if (v instanceof List<?> list) {
                enter(list, path, depth);
                list(list, path, depth);
                onPath.remove(list);
            } else {
                throw bad(path, "is a " + typeName(v) + ", which cannot be saved (supported: Tensor, StateDict, "
                        + "Map, List, String, Boolean, Long, Integer, Short, Byte, BigInteger, Double, Float, null)");
            }
        }

        private void enter(Object container, String path, int depth) {
            if (depth > TorchZipReader.MAX_DEPTH) {
                throw bad(path, "is nested more than " + TorchZipReader.MAX_DEPTH + " containers deep, more than "
                        + "the checkpoint reader follows");
            }
            if (!onPath.add(container)) {
                throw bad(path, "contains itself, which a checkpoint cannot hold");
            }
        }

        /** collections.OrderedDict(), then its items: how pickle writes {@code module.state_dict()}. */
        private void orderedDict(StateDict sd, String path, int depth) {
            pickle.global("collections", "OrderedDict").emptyTuple().reduce();
            List<Object[]> items = new ArrayList<>(sd.size());
            for (String key : sd.keys()) {
                items.add(new Object[] {key, sd.get(key)});
            }
            setItems(items, path, depth);
        }

        private void dict(Map<?, ?> map, String path, int depth) {
            pickle.emptyDict();
            List<Object[]> items = new ArrayList<>(map.size());
            Map<Object, Object> pythonKeys = new HashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Object key = e.getKey();
                Object identity = pythonKeyIdentity(key, path);
                Object clash = pythonKeys.putIfAbsent(identity, key);
                if (clash != null) {
                    throw bad(path, "has keys " + clash + " and " + key + ", which are the same key in Python "
                            + "(1, 1.0 and True are equal), so one value would be lost");
                }
                items.add(new Object[] {key, e.getValue()});
            }
            setItems(items, path, depth);
        }

        /** Key/value pairs as Python's pickler batches them: SETITEM for one, MARK ... SETITEMS for more. */
        private void setItems(List<Object[]> items, String path, int depth) {
            for (int from = 0; from < items.size(); from += BATCH) {
                int to = Math.min(items.size(), from + BATCH);
                if (to - from > 1) {
                    pickle.mark();
                }
                for (Object[] kv : items.subList(from, to)) {
                    String childPath = join(path, readerKeyName(kv[0]));
                    value(kv[0], childPath, depth + 1);
                    value(kv[1], childPath, depth + 1);
                }
                if (to - from > 1) {
                    pickle.setItems();
                } else {
                    pickle.setItem();
                }
            }
        }

        private void list(List<?> list, String path, int depth) {
            pickle.emptyList();
            for (int from = 0; from < list.size(); from += BATCH) {
                int to = Math.min(list.size(), from + BATCH);
                if (to - from > 1) {
                    pickle.mark();
                }
                for (int i = from; i < to; i++) {
                    value(list.get(i), join(path, Integer.toString(i)), depth + 1);
                }
                if (to - from > 1) {
                    pickle.appends();
                } else {
                    pickle.append();
                }
            }
        }

        private void string(String s, String path) {
            try {
                pickle.string(s);
            } catch (IllegalArgumentException e) {
                throw bad(path, "holds a " + e.getMessage());
            }
        }

        /** _rebuild_tensor_v2(persistent storage, 0, size, stride, False, OrderedDict()), as Tensor.__reduce_ex__. */
        private void tensor(Tensor t, String path) {
            String previous = flatNames.putIfAbsent(path, path);
            if (previous != null) {
                throw bad(path, "is the name of two tensors once nested keys are joined with '.', which "
                        + "StateDict.read refuses; rename one of them");
            }
            Integer slot = tensorSlots.get(t);
            if (slot != null) {
                pickle.get(slot);
                return;
            }
            String key = Integer.toString(storages.size());
            storages.put(key, t);
            long[] shape = t.shape();
            pickle.global("torch._utils", "_rebuild_tensor_v2");
            pickle.mark();
            pickle.mark().sharedString("storage").global("torch", STORAGE_TYPES.get(t.dtype())).string(key)
                    .sharedString("cpu").integer(t.numel()).tuple().persistentId();
            pickle.integer(0);
            longTuple(shape);
            longTuple(contiguousStrides(shape));
            pickle.bool(false); // requires_grad
            pickle.global("collections", "OrderedDict").emptyTuple().reduce(); // backward hooks: none
            pickle.tuple().reduce();
            tensorSlots.put(t, pickle.memoize());
        }

        private void longTuple(long[] values) {
            if (values.length == 0) {
                pickle.emptyTuple();
                return;
            }
            pickle.mark();
            for (long v : values) {
                pickle.integer(v);
            }
            pickle.tuple();
        }

        /** The value Python compares a dict key by; refuses key types a checkpoint should not have. */
        private Object pythonKeyIdentity(Object key, String path) {
            if (key == null) {
                return NONE_KEY;
            }
            if (key instanceof String) {
                return key;
            }
            if (key instanceof Boolean b) {
                return BigInteger.valueOf(b ? 1 : 0);
            }
            if (key instanceof Long || key instanceof Integer || key instanceof Short || key instanceof Byte) {
                return BigInteger.valueOf(((Number) key).longValue());
            }
            if (key instanceof BigInteger big) {
                return big;
            }
            if (key instanceof Double || key instanceof Float) {
                double d = ((Number) key).doubleValue();
                if (Double.isNaN(d)) {
                    return new Object(); // NaN equals nothing in Python, not even another NaN
                }
                if (Double.isFinite(d) && d == Math.rint(d)) {
                    return new java.math.BigDecimal(d).toBigIntegerExact();
                }
                return d;
            }
            throw bad(path, "has a key of type " + typeName(key) + "; dict keys must be String, an integer, a "
                    + "floating-point number, Boolean or null");
        }

        /** The key's text in the names the reader builds: String.valueOf of the Java value it reads back. */
        private static String readerKeyName(Object key) {
            if (key instanceof Integer || key instanceof Short || key instanceof Byte) {
                return Long.toString(((Number) key).longValue());
            }
            if (key instanceof Float f) {
                return Double.toString(f.doubleValue());
            }
            return String.valueOf(key);
        }

        private static String join(String path, String key) {
            return path.isEmpty() ? key : path + "." + key;
        }

        private IllegalArgumentException bad(String path, String problem) {
            return new IllegalArgumentException("cannot write " + file + ": the value at '"
                    + (path.isEmpty() ? "<top level>" : path) + "' " + problem);
        }
    }
}
