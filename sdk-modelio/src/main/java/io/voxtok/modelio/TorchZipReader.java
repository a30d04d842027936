package io.voxtok.modelio;

import io.voxtok.api.VoxtokException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads a PyTorch zip checkpoint ({@code torch.save} since PyTorch 1.6: {@code <top>/data.pkl},
 * {@code <top>/data/<key>} storage records, {@code <top>/version}, optionally {@code <top>/byteorder}) into a flat,
 * ordered map of tensors.
 *
 * <p>The pickle is run by the safe {@link PickleReader}. Nested dicts and lists are flattened with dot-joined keys
 * (list elements by index); other values are dropped. Storages are read straight from their zip records, once each,
 * and contiguous tensors share the storage bytes, so a checkpoint is held in memory about once.
 */
final class TorchZipReader {
    static final Map<String, DType> STORAGE_TYPES = Map.ofEntries(
            Map.entry("torch.FloatStorage", DType.FLOAT32), Map.entry("torch.DoubleStorage", DType.FLOAT64),
            Map.entry("torch.HalfStorage", DType.FLOAT16), Map.entry("torch.BFloat16Storage", DType.BFLOAT16),
            Map.entry("torch.LongStorage", DType.INT64), Map.entry("torch.IntStorage", DType.INT32),
            Map.entry("torch.ShortStorage", DType.INT16), Map.entry("torch.CharStorage", DType.INT8),
            Map.entry("torch.ByteStorage", DType.UINT8), Map.entry("torch.BoolStorage", DType.BOOL),
            Map.entry("torch.UntypedStorage", DType.UINT8), Map.entry("torch.storage.UntypedStorage", DType.UINT8));

    /** Deepest container nesting followed; real checkpoints nest a handful of levels. */
    static final int MAX_DEPTH = 200;
    /** Longest dotted tensor name built while flattening; real names are under a few hundred characters. */
    static final int MAX_PATH_CHARS = 1 << 16;
    /**
     * Containers visited by one walk beyond one per pickle byte: every container and every extra reference to one
     * costs at least a byte of pickle, so only containers shared across many levels (a DAG whose walk is
     * exponential in its depth) can exceed this.
     */
    static final long EXTRA_VISITS = 100_000;

    private final Path file;
    private final ZipFile zip;
    private final String prefix;
    private final boolean bigEndian;
    private final Map<String, ByteBuffer> storages = new LinkedHashMap<>();
    private final Map<TorchTensorRef, Tensor> materialised = new IdentityHashMap<>();
    private final Map<TorchTensorRef, LazyTensor> lazy = new IdentityHashMap<>();
    /**
     * Bytes all records of one archive may inflate to, as a multiple of the archive's size: torch.save stores
     * records uncompressed (ratio 1), so only a zip bomb (e.g. a deflated run of zeros, ratio ~1000) gets near it.
     */
    static final long INFLATE_RATIO = 16;
    /** Inflated bytes allowed on top of {@link #INFLATE_RATIO}, so tiny archives of small records still read. */
    static final long INFLATE_SLACK = 64L << 20;

    /** Bytes the records of this archive may still inflate to. */
    private long inflateLeft;
    /** Containers the current walk may still visit (see {@link #EXTRA_VISITS}). */
    private long visitsLeft;

    private TorchZipReader(Path file, ZipFile zip, String prefix, boolean bigEndian, long inflateLimit) {
        this.inflateLeft = inflateLimit;
        this.file = file;
        this.zip = zip;
        this.prefix = prefix;
        this.bigEndian = bigEndian;
    }

    /**
     * Reads every tensor of the checkpoint, keyed by its dotted path. Storage records are read and every view is
     * checked against its storage now; a view that is not contiguous is copied into a dense tensor only on first use
     * (see {@link LazyTensor}), so keys a model does not want cost no copy.
     */
    static LinkedHashMap<String, LazyTensor> read(Path file) {
        return open(file, TorchZipReader::readAll);
    }

    /**
     * Reads the checkpoint's whole pickled object as plain Java values (see {@link PickleReader}) with every tensor
     * materialised as a {@link Tensor}: what a trainer needs to resume from its saved step, options and tensors.
     */
    static Object readObject(Path file) {
        return open(file, TorchZipReader::readTree);
    }

    private static <T> T open(Path file, Function<TorchZipReader, T> action) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            long inflateLimit = INFLATE_RATIO * java.nio.file.Files.size(file) + INFLATE_SLACK;
            String prefix = findPrefix(zip, file);
            boolean bigEndian = false;
            ZipEntry order = zip.getEntry(prefix + "byteorder");
            if (order != null) {
                String value = new String(readEntry(zip, order, file, 64), StandardCharsets.US_ASCII).trim();
                if (!value.equals("little") && !value.equals("big")) {
                    throw VoxtokException.userInput("cannot read " + file + ": its byteorder record says '" + value
                            + "' (expected 'little' or 'big')");
                }
                bigEndian = value.equals("big");
            }
            return action.apply(new TorchZipReader(file, zip, prefix, bigEndian, inflateLimit));
        } catch (ZipException e) {
            throw VoxtokException.userInput("cannot read " + file + ": it starts like a zip file but is not a valid "
                    + "one (" + e.getMessage() + "); the checkpoint may be truncated or corrupt");
        } catch (IOException e) {
            throw VoxtokException.userInput("cannot read " + file + ": " + e);
        }
    }

    private static String findPrefix(ZipFile zip, Path file) {
        List<String> pickles = new ArrayList<>();
        for (ZipEntry e : Collections.list(zip.entries())) {
            String name = e.getName();
            if (name.equals("data.pkl") || (name.endsWith("/data.pkl") && name.indexOf('/') == name.length() - 9)) {
                pickles.add(name);
            }
        }
        if (pickles.isEmpty()) {
            throw VoxtokException.userInput("cannot read " + file + ": it is a zip file without a data.pkl record, "
                    + "so it is not a PyTorch checkpoint written by torch.save (a .npz or another archive?)");
        }
        if (pickles.size() > 1) {
            throw VoxtokException.userInput("cannot read " + file + ": it holds several data.pkl records "
                    + pickles + "; a torch.save checkpoint has exactly one");
        }
        String prefix = pickles.get(0).substring(0, pickles.get(0).length() - "data.pkl".length());
        if (zip.getEntry(prefix + "constants.pkl") != null || zip.getEntry(prefix + "code/") != null
                || Collections.list(zip.entries()).stream().anyMatch(e -> e.getName().startsWith(prefix + "code/"))) {
            throw VoxtokException.userInput("cannot read " + file + ": it is a TorchScript archive (torch.jit.save), "
                    + "not a state dict; in Python, save the weights with torch.save(model.state_dict(), path)");
        }
        return prefix;
    }

    private Object loadRoot() {
        String record = prefix + "data.pkl";
        byte[] pickle = inflate(zip.getEntry(record), Long.MAX_VALUE);
        visitsLeft = pickle.length + EXTRA_VISITS;
        return new PickleReader(pickle, file, record, this::storageRef).load();
    }

    private Object readTree() {
        return resolve("", loadRoot(), Collections.newSetFromMap(new IdentityHashMap<>()), 0);
    }

    /** The value with tensor references replaced by tensors, in copies of its containers. */
    private Object resolve(String path, Object value, Set<Object> onPath, int depth) {
        if (value instanceof TorchTensorRef ref) {
            return materialised.computeIfAbsent(ref, r -> r.materialise(storage(r.storage(), path), path, file));
        }
        if (!(value instanceof Map<?, ?>) && !(value instanceof List<?>)) {
            return value;
        }
        if (depth > MAX_DEPTH) {
            throw VoxtokException.userInput("cannot read " + file + ": its containers are nested more than "
                    + MAX_DEPTH + " levels deep (at '" + path + "'), which no checkpoint needs");
        }
        if (!onPath.add(value)) {
            return value; // a container that contains itself stays as it is
        }
        countVisit(path);
        Object out;
        if (value instanceof Map<?, ?> map) {
            LinkedHashMap<Object, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                copy.put(e.getKey(), resolve(join(path, e.getKey()), e.getValue(), onPath,
                        depth + 1));
            }
            out = copy;
        } else {
            List<?> list = (List<?>) value;
            ArrayList<Object> copy = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                copy.add(resolve(join(path, Integer.toString(i)), list.get(i), onPath, depth + 1));
            }
            // Lists come back as ArrayList and tuples as unmodifiable lists, as PickleReader builds them.
            out = list instanceof ArrayList<?> ? copy : Collections.unmodifiableList(copy);
        }
        onPath.remove(value);
        return out;
    }

    private LinkedHashMap<String, LazyTensor> readAll() {
        Object root = loadRoot();
        if (root instanceof TorchTensorRef) {
            throw VoxtokException.userInput("cannot read " + file + ": it holds a single tensor, not a dictionary of "
                    + "named tensors (save a dict, e.g. torch.save({'weight': t}, path))");
        }
        if (root instanceof OpaqueObject opaque) {
            throw VoxtokException.userInput("cannot read " + file + ": its top-level object is a "
                    + opaque.type().qualifiedName() + " object, not a state dict; if it is a whole model saved with "
                    + "torch.save(model), re-save it with torch.save(model.state_dict(), path)");
        }
        LinkedHashMap<String, LazyTensor> out = new LinkedHashMap<>();
        flatten("", root, out, Collections.newSetFromMap(new IdentityHashMap<>()), 0);
        return out;
    }

    /** BINPERSID: ('storage', storage_type, key, location, numel). */
    private Object storageRef(List<Object> pid) {
        if (pid.size() != 5 || !"storage".equals(pid.get(0)) || !(pid.get(1) instanceof PickleGlobal type)
                || !(pid.get(2) instanceof String key) || !(pid.get(4) instanceof Long numel)) {
            throw VoxtokException.userInput("cannot read " + file + ": unexpected persistent id "
                    + PickleReader.boundedText(pid, 200) + " (expected ('storage', type, key, location, numel))");
        }
        DType dtype = STORAGE_TYPES.get(type.qualifiedName());
        if (dtype == null) {
            throw VoxtokException.userInput("cannot read " + file + ": storage " + key + " has type "
                    + type.qualifiedName() + ", which is not supported (supported: "
                    + new java.util.TreeSet<>(STORAGE_TYPES.keySet()) + ")");
        }
        return new TorchStorageRef(dtype, key, PickleReader.boundedText(pid.get(3), 200), numel);
    }

    private void flatten(String path, Object value, Map<String, LazyTensor> out, Set<Object> onPath, int depth) {
        if (value instanceof TorchTensorRef ref) {
            put(out, path, lazy.computeIfAbsent(ref, r -> lazyTensor(r, path)));
            return;
        }
        if (!(value instanceof Map<?, ?>) && !(value instanceof List<?>)) {
            return; // numbers, strings, bytes, sets, opaque objects: not tensors
        }
        if (depth > MAX_DEPTH) {
            throw VoxtokException.userInput("cannot read " + file + ": its containers are nested more than "
                    + MAX_DEPTH + " levels deep (at '" + path + "'), which no checkpoint needs");
        }
        if (!onPath.add(value)) {
            return; // a container that contains itself
        }
        countVisit(path);
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                flatten(join(path, e.getKey()), e.getValue(), out, onPath, depth + 1);
            }
        } else {
            List<?> list = (List<?>) value;
            for (int i = 0; i < list.size(); i++) {
                flatten(join(path, Integer.toString(i)), list.get(i), out, onPath, depth + 1);
            }
        }
        onPath.remove(value);
    }

    /**
     * A tensor of the state dict: its storage read and the view checked now, a contiguous view sliced now (no copy),
     * any other view copied on first use.
     */
    private LazyTensor lazyTensor(TorchTensorRef ref, String key) {
        ByteBuffer bytes = storage(ref.storage(), key);
        ref.check(bytes, key, file);
        if (ref.isContiguous()) {
            return LazyTensor.of(ref.materialise(bytes, key, file));
        }
        return LazyTensor.deferred(ref.storage().dtype(), ref.size(), () -> ref.materialise(bytes, key, file));
    }

    private void put(Map<String, LazyTensor> out, String key, LazyTensor tensor) {
        if (out.putIfAbsent(key, tensor) != null) {
            throw VoxtokException.userInput("cannot read " + file + ": two tensors get the name '" + key
                    + "' once nested keys are joined with '.'");
        }
    }

    private void countVisit(String path) {
        if (--visitsLeft < 0) {
            throw VoxtokException.userInput("cannot read " + file + ": its pickle shares containers so deeply that "
                    + "walking it visits more containers than its size allows (at '" + cut(path) + "'); no "
                    + "checkpoint is built like that");
        }
    }

    private String join(String path, Object key) {
        // Keys were bounded by PickleReader, so their text form is small; the joined path is bounded here.
        String text = key instanceof String s ? s : PickleReader.boundedText(key, PickleReader.MAX_KEY_CHARS);
        if ((long) path.length() + text.length() + 1 > MAX_PATH_CHARS) {
            throw VoxtokException.userInput("cannot read " + file + ": a tensor name grows past " + MAX_PATH_CHARS
                    + " characters (at '" + cut(path) + "'), which no checkpoint needs");
        }
        return path.isEmpty() ? text : path + "." + text;
    }

    private static String cut(String path) {
        return path.length() > 200 ? path.substring(0, 200) + "..." : path;
    }

    private ByteBuffer storage(TorchStorageRef ref, String tensorKey) {
        ByteBuffer cached = storages.get(ref.key());
        if (cached != null) {
            return cached;
        }
        // A storage key is a record name torch.save chose (a number); anything else could name another record.
        String key = ref.key();
        if (key.isEmpty() || key.length() > 64 || !key.chars().allMatch(Character::isLetterOrDigit)) {
            throw VoxtokException.userInput("cannot read " + file + ": tensor '" + tensorKey + "' names storage '"
                    + cut(key) + "', which is not a storage record name torch.save writes");
        }
        String name = prefix + "data/" + key;
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw VoxtokException.userInput("cannot read " + file + ": tensor '" + tensorKey + "' uses storage record "
                    + name + ", which the archive lacks (truncated or incomplete checkpoint?)");
        }
        if (ref.numel() < 0 || ref.numel() > Integer.MAX_VALUE) {
            throw VoxtokException.userInput("cannot read " + file + ": storage record " + name + " of tensor '"
                    + tensorKey + "' declares " + ref.numel() + " elements; storages over 2 GiB are not supported");
        }
        long needed = ref.numel() * ref.dtype().bytes();
        // Inflate only the bytes the declared storage needs: a record that inflates beyond them is never read on.
        byte[] bytes = inflate(entry, needed);
        if (bytes.length < needed) {
            throw VoxtokException.userInput("cannot read " + file + ": storage record " + name + " holds "
                    + bytes.length + " bytes but tensor '" + tensorKey + "' needs " + needed);
        }
        if (bigEndian) {
            swapBytes(bytes, ref.dtype().bytes());
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        storages.put(ref.key(), buffer);
        return buffer;
    }

    /** Converts big-endian elements to little-endian in place. */
    static void swapBytes(byte[] bytes, int elementSize) {
        if (elementSize == 1) {
            return;
        }
        for (int i = 0; i + elementSize <= bytes.length; i += elementSize) {
            for (int a = i, b = i + elementSize - 1; a < b; a++, b--) {
                byte t = bytes[a];
                bytes[a] = bytes[b];
                bytes[b] = t;
            }
        }
    }

    /**
     * Reads at most {@code maxBytes} of a record, within what is left of this archive's inflation allowance, and
     * refuses before allocating when the record's declared size is already past the allowance.
     */
    private byte[] inflate(ZipEntry entry, long maxBytes) {
        long declared = entry.getSize() < 0 ? 0 : Math.min(entry.getSize(), maxBytes);
        if (declared > inflateLeft) {
            throw inflatesTooMuch(entry, declared);
        }
        // One byte past the allowance is enough to tell that a record of unknown or false size runs past it.
        byte[] bytes = readEntry(zip, entry, file, Math.min(maxBytes, inflateLeft + 1));
        if (bytes.length > inflateLeft) {
            throw inflatesTooMuch(entry, bytes.length);
        }
        inflateLeft -= bytes.length;
        return bytes;
    }

    private VoxtokException inflatesTooMuch(ZipEntry entry, long atLeast) {
        return VoxtokException.userInput("cannot read " + file + ": record " + entry.getName() + " inflates to at "
                + "least " + atLeast + " bytes, more than " + INFLATE_RATIO + " times the archive's size allows "
                + "(a zip bomb, or a checkpoint compressed far beyond what torch.save writes)");
    }

    /** Reads a record, or its first {@code maxBytes} bytes when it is longer, without inflating the rest. */
    private static byte[] readEntry(ZipFile zip, ZipEntry entry, Path file, long maxBytes) {
        long size = entry.getSize() < 0 ? -1 : Math.min(entry.getSize(), maxBytes);
        if (size > Integer.MAX_VALUE - 16) {
            throw VoxtokException.userInput("cannot read " + file + ": record " + entry.getName() + " is "
                    + size + " bytes; records over 2 GiB are not supported");
        }
        try (InputStream in = zip.getInputStream(entry)) {
            if (size < 0) {
                return in.readNBytes((int) Math.min(maxBytes, Integer.MAX_VALUE - 16));
            }
            // Read straight into an array of the final size: no intermediate chunks, one copy of the data.
            byte[] bytes = new byte[(int) size];
            int n = in.readNBytes(bytes, 0, bytes.length);
            if (n != size) {
                throw VoxtokException.userInput("cannot read " + file + ": record " + entry.getName()
                        + " is truncated (" + n + " of " + size + " bytes)");
            }
            return bytes;
        } catch (IOException e) {
            throw VoxtokException.userInput("cannot read record " + entry.getName() + " of " + file + ": " + e);
        }
    }
}
