package io.voxtok.modelio;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The named tensors of a checkpoint, in file order: what a model loader looks weights up in.
 *
 * <p>{@link #read(Path)} recognises the format by content: a PyTorch zip checkpoint written by {@code torch.save}
 * (read with a safe unpickler that never runs code; nested dicts and lists are flattened with '.'-joined keys, so a
 * fairseq checkpoint's weights appear under {@code model.}) or a {@code .safetensors} file.
 *
 * <p>Keys, element types and shapes are known as soon as the file is read, before any tensor is built: a PyTorch
 * view that is not contiguous is copied into a dense tensor only when {@link #get} first asks for it, and
 * {@link #require} and {@link #shape} check shapes without building anything. So a checkpoint declaring thousands of
 * keys a model does not use (each of which could expand a small storage into gigabytes) is refused by the model's key
 * check without building them. Instances are immutable and thread-safe.
 */
public final class StateDict {
    private final Map<String, LazyTensor> tensors;
    private final Path source;
    private final Sha256 sha256;

    private StateDict(Map<String, LazyTensor> tensors, Path source, Sha256 sha256) {
        this.tensors = Collections.unmodifiableMap(tensors);
        this.source = source;
        this.sha256 = sha256;
    }

    /**
     * Reads a checkpoint file: a PyTorch zip checkpoint ({@code .pt}, {@code .pth}, {@code .th}, {@code .bin} from
     * {@code torch.save}) or a {@code .safetensors} file, whatever its name.
     *
     * @throws VoxtokException (USER_INPUT) naming the file and the problem: missing, unknown format, legacy or
     *                         TorchScript archive, a pickle that would run code, corrupt data
     */
    public static StateDict read(Path file) {
        if (Files.isDirectory(file)) {
            throw VoxtokException.userInput("cannot read checkpoint " + file + ": it is a directory; give the "
                    + "checkpoint file inside it (e.g. model.pt or model.safetensors)");
        }
        if (!Files.isRegularFile(file)) {
            throw VoxtokException.userInput("cannot read checkpoint " + file + ": no such file");
        }
        byte[] head;
        long size;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(16);
            size = Files.size(file);
        } catch (IOException e) {
            throw VoxtokException.userInput("cannot read checkpoint " + file + ": " + e);
        }
        LinkedHashMap<String, LazyTensor> tensors;
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            tensors = TorchZipReader.read(file);
        } else if (SafetensorsReader.looksLikeSafetensors(head, size)) {
            tensors = built(SafetensorsReader.read(file)); // memory-mapped slices: nothing to defer
        } else if (head.length >= 2 && (head[0] & 0xff) == 0x80 && head[1] >= 2 && head[1] <= 5) {
            throw VoxtokException.userInput("cannot read checkpoint " + file + ": it is a raw pickle, as written by "
                    + "torch.save before PyTorch 1.6 or with _use_new_zipfile_serialization=False; this legacy format "
                    + "is not supported. Re-save it in Python: torch.save(torch.load(path), new_path, "
                    + "_use_new_zipfile_serialization=True)");
        } else {
            throw VoxtokException.userInput("cannot read checkpoint " + file + ": unrecognised format (neither a "
                    + "PyTorch zip checkpoint from torch.save nor a .safetensors file)");
        }
        return new StateDict(tensors, file, new Sha256(file));
    }

    /**
     * A state dict over given tensors (for tests and converters).
     *
     * @param tensors the tensors, in the order {@link #keys()} returns them (copied)
     * @param source  the file they came from, used in messages and for {@link #sha256()}; may be null
     */
    public static StateDict of(Map<String, Tensor> tensors, Path source) {
        return new StateDict(built(tensors), source, new Sha256(source));
    }

    private static LinkedHashMap<String, LazyTensor> built(Map<String, Tensor> tensors) {
        LinkedHashMap<String, LazyTensor> out = new LinkedHashMap<>();
        tensors.forEach((k, t) -> out.put(k, LazyTensor.of(t)));
        return out;
    }

    /** Tensor names, in file order. */
    public Set<String> keys() {
        return tensors.keySet();
    }

    /** Whether a tensor has this name. */
    public boolean contains(String key) {
        return tensors.containsKey(key);
    }

    /** Number of tensors. */
    public int size() {
        return tensors.size();
    }

    /**
     * The tensor of that name.
     *
     * @throws VoxtokException (USER_INPUT) naming the key and the file when there is none
     */
    public Tensor get(String key) {
        return lazy(key).get();
    }

    private LazyTensor lazy(String key) {
        LazyTensor t = tensors.get(key);
        if (t == null) {
            throw VoxtokException.userInput("checkpoint " + sourceName() + " has no tensor '" + key + "'"
                    + similarKeys(key));
        }
        return t;
    }

    /** The shape of the tensor of that name, if there is one, without building its data. */
    public Optional<long[]> shape(String key) {
        return Optional.ofNullable(tensors.get(key)).map(LazyTensor::shape);
    }

    /**
     * The tensor of that name, which must have exactly this shape.
     *
     * @throws VoxtokException (USER_INPUT) naming the key, the expected and the actual shape
     */
    public Tensor require(String key, long... shape) {
        LazyTensor t = lazy(key);
        if (!Arrays.equals(t.shape(), shape)) {
            throw VoxtokException.userInput("tensor '" + key + "' in checkpoint " + sourceName() + " has shape "
                    + Arrays.toString(t.shape()) + ", expected " + Arrays.toString(shape)
                    + " (does the checkpoint match the model configuration?)");
        }
        return t.get();
    }

    /** The tensor of that name, if there is one (built now if it was deferred). */
    public Optional<Tensor> find(String key) {
        return Optional.ofNullable(tensors.get(key)).map(LazyTensor::get);
    }

    /** The tensors whose names start with {@code prefix}, with the prefix removed; same source. */
    public StateDict subDict(String prefix) {
        Map<String, LazyTensor> sub = new LinkedHashMap<>();
        for (Map.Entry<String, LazyTensor> e : tensors.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                sub.put(e.getKey().substring(prefix.length()), e.getValue());
            }
        }
        return new StateDict(sub, source, sha256);
    }

    /**
     * Checks that the names are exactly those a model expects.
     *
     * @param expected  names that must be present
     * @param ignorable names that may be present without being expected; an entry ending in '*' matches every name
     *                  starting with what precedes the '*'
     * @throws VoxtokException (USER_INPUT) listing every missing and every unexpected name
     */
    public void checkKeys(Set<String> expected, Set<String> ignorable) {
        Set<String> missing = new TreeSet<>();
        for (String key : expected) {
            if (!tensors.containsKey(key)) {
                missing.add(key);
            }
        }
        List<String> unexpected = new ArrayList<>();
        for (String key : tensors.keySet()) {
            if (!expected.contains(key) && !matchesAny(key, ignorable)) {
                unexpected.add(key);
            }
        }
        if (missing.isEmpty() && unexpected.isEmpty()) {
            return;
        }
        StringBuilder msg = new StringBuilder("checkpoint " + sourceName() + " does not match the model:");
        if (!missing.isEmpty()) {
            msg.append("\n  missing ").append(missing.size()).append(" tensor(s): ").append(String.join(", ", missing));
        }
        if (!unexpected.isEmpty()) {
            msg.append("\n  unexpected ").append(unexpected.size()).append(" tensor(s): ")
                    .append(String.join(", ", unexpected));
        }
        throw VoxtokException.userInput(msg.toString());
    }

    /** The checkpoint file (null for a state dict built in memory without one). */
    public Path source() {
        return source;
    }

    /**
     * Hex SHA-256 of the checkpoint file's bytes, computed on first use.
     *
     * @throws VoxtokException when there is no source file or it cannot be read
     */
    public String sha256() {
        return sha256.get();
    }

    @Override
    public String toString() {
        return "StateDict[" + tensors.size() + " tensors from " + sourceName() + "]";
    }

    private static boolean matchesAny(String key, Set<String> patterns) {
        for (String p : patterns) {
            if (p.endsWith("*") ? key.startsWith(p.substring(0, p.length() - 1)) : key.equals(p)) {
                return true;
            }
        }
        return false;
    }

    private String sourceName() {
        return source == null ? "<in memory>" : source.toString();
    }

    /**
     * Up to five present names that extend a missing one (weight to weight_g / weight_v of weight norm), or share its
     * suffix or its last component, as a hint.
     */
    private String similarKeys(String key) {
        String last = key.substring(key.lastIndexOf('.') + 1);
        List<String> similar = new ArrayList<>();
        for (String k : tensors.keySet()) {
            if (similar.size() < 5 && (k.startsWith(key) || k.endsWith("." + key) || key.endsWith("." + k)
                    || (k.endsWith("." + last) && k.split("\\.").length == key.split("\\.").length))) {
                similar.add(k);
            }
        }
        return similar.isEmpty() ? " (it has " + tensors.size() + " tensors)"
                : " (it has " + tensors.size() + " tensors; similar names: " + String.join(", ", similar) + ")";
    }

    /** Lazily computed, shared by a state dict and its sub-dicts so the file is hashed once. */
    private static final class Sha256 {
        private final Path file;
        private String value;

        Sha256(Path file) {
            this.file = file;
        }

        synchronized String get() {
            if (value != null) {
                return value;
            }
            if (file == null) {
                throw new VoxtokException(ErrorKind.INTERNAL, "this state dict was built in memory without a source "
                        + "file, so it has no SHA-256");
            }
            try (InputStream in = Files.newInputStream(file)) {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) {
                    md.update(buf, 0, n);
                }
                value = HexFormat.of().formatHex(md.digest());
                return value;
            } catch (IOException e) {
                throw VoxtokException.userInput("cannot hash checkpoint " + file + ": " + e);
            } catch (NoSuchAlgorithmException e) {
                throw new VoxtokException(ErrorKind.ENVIRONMENT, "this Java runtime lacks SHA-256", e);
            }
        }
    }
}
