package io.voxtok.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.modelio.DType;
import io.voxtok.modelio.LoadedValues;
import io.voxtok.modelio.StateDict;
import io.voxtok.modelio.Tensor;
import io.voxtok.nn.conv.WeightNorm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Moves checkpoint tensors onto a manager while checking every key and shape.
 *
 * <p>Problems are collected rather than thrown one by one: a missing key or a wrong shape is recorded and a
 * zero array of the expected shape stands in, so that building the whole model goes through and
 * {@link #finish()} can report <em>every</em> missing, mis-shaped and unexpected key by name in one
 * {@link VoxtokException}. Not thread-safe; used once while a model is built.
 */
public final class ParameterLoader {
    private final StateDict stateDict;
    private final NDManager manager;
    private final String modelName;
    private final Set<String> used = new LinkedHashSet<>();
    private final List<String> ignorable = new ArrayList<>();
    private final Set<String> missing = new TreeSet<>();
    private final List<String> wrongShapes = new ArrayList<>();
    private final List<String> badValues = new ArrayList<>();
    private final Initializer initializer;

    /**
     * @param stateDict the checkpoint
     * @param manager   manager (and device) that will own the weights
     * @param modelName model name used in error messages
     */
    public ParameterLoader(StateDict stateDict, NDManager manager, String modelName) {
        this(stateDict, manager, modelName, null);
    }

    private ParameterLoader(StateDict stateDict, NDManager manager, String modelName, Initializer initializer) {
        this.stateDict = stateDict;
        this.manager = manager;
        this.modelName = modelName;
        this.initializer = initializer;
    }

    /**
     * A loader without a checkpoint: every tensor comes from {@code initializer}, and weight-normed weights are
     * created directly as plain weights. For benchmarks and tests with random weights.
     */
    public static ParameterLoader initializing(NDManager manager, String modelName, Initializer initializer) {
        return new ParameterLoader(StateDict.of(java.util.Map.of(), null),
                manager, modelName, java.util.Objects.requireNonNull(initializer));
    }

    /** Creates the tensors of an {@link #initializing} loader. */
    @FunctionalInterface
    public interface Initializer {
        /**
         * @param key   state-dict key of the tensor
         * @param shape its shape
         * @return row-major float32 values ({@code product(shape)} of them)
         */
        float[] values(String key, long[] shape);

        /**
         * Whether weight-normed weights are created as {@code weight_v} with {@code weight_g = ||v||} (what
         * {@code torch.nn.utils.weight_norm} does when it wraps a freshly initialised layer, so training can start
         * from them) rather than as one plain {@code weight}.
         */
        default boolean weightNormParameters() {
            return false;
        }
    }

    /**
     * The weights of a weight-normed layer as stored: {@code g} and {@code v}, or a plain {@code weight} when the
     * checkpoint holds one (weight norm already removed) or an initializer creates plain weights.
     *
     * @param g      magnitudes or {@code null}
     * @param v      directions or {@code null}
     * @param weight plain weight or {@code null}
     */
    public record WeightNormPair(NDArray g, NDArray v, NDArray weight) {
        /** Whether this is the {@code g}/{@code v} form. */
        public boolean normed() {
            return v != null;
        }
    }

    /**
     * The weight-norm tensors {@code prefix + "weight_g"} and {@code prefix + "weight_v"}, kept apart (not
     * folded) so that a block can train them; a checkpoint holding the plain {@code prefix + "weight"} gives that.
     *
     * @param dim   the axis weight norm keeps (0 for SEANet convolutions)
     * @param shape shape of {@code weight_v}
     */
    public WeightNormPair weightNormPair(String prefix, int dim, long... shape) {
        long[] gShape = new long[shape.length];
        Arrays.fill(gShape, 1);
        gShape[dim] = shape[dim];
        if (initializer != null) {
            if (!initializer.weightNormParameters()) {
                return new WeightNormPair(null, null, tensor(prefix + "weight", shape));
            }
            NDArray v = tensor(prefix + "weight_v", shape);
            int[] axes = java.util.stream.IntStream.range(0, shape.length).filter(a -> a != dim).toArray();
            used.add(prefix + "weight_g");
            NDArray g;
            try (NDArray sq = v.square(); NDArray sum = sq.sum(axes, true)) {
                g = sum.sqrt();
            }
            return new WeightNormPair(g, v, null);
        }
        if (!has(prefix + "weight_v") && has(prefix + "weight")) {
            return new WeightNormPair(null, null, tensor(prefix + "weight", shape));
        }
        return new WeightNormPair(tensor(prefix + "weight_g", gShape), tensor(prefix + "weight_v", shape), null);
    }

    /**
     * A tensor that checkpoints may omit (training buffers): its value when present and well-shaped, else
     * {@code null} (a wrong shape is still recorded as an error).
     */
    public NDArray optionalTensor(String key, long... shape) {
        if (initializer != null || !has(key)) {
            used.add(key);
            return null;
        }
        return tensor(key, shape);
    }

    /** Whether this loader creates tensors from an initializer instead of reading a checkpoint. */
    public boolean isInitializing() {
        return initializer != null;
    }

    /** The manager that owns the loaded weights. */
    public NDManager manager() {
        return manager;
    }

    /**
     * Declares keys that may be present but are not used (training state such as codebook EMA buffers).
     *
     * @param patterns exact keys or glob patterns where {@code '*'} matches any run of characters
     */
    public void ignore(String... patterns) {
        ignorable.addAll(Arrays.asList(patterns));
    }

    /** Whether the checkpoint holds {@code key} (does not mark it as used). */
    public boolean has(String key) {
        return stateDict.contains(key);
    }

    /**
     * A required float32 tensor of the given shape.
     *
     * @return the array, or zeros of {@code shape} if the key is missing or mis-shaped (then recorded)
     */
    public NDArray tensor(String key, long... shape) {
        used.add(key);
        if (initializer != null) {
            return manager.create(initializer.values(key, shape.clone()), new Shape(shape));
        }
        // The shape is checked before the tensor is built: a mis-shaped view may expand to gigabytes.
        Optional<long[]> actual = stateDict.shape(key);
        if (actual.isEmpty()) {
            missing.add(key);
            return manager.zeros(new Shape(shape));
        }
        if (!Arrays.equals(actual.get(), shape)) {
            wrongShapes.add(key + " is " + Arrays.toString(actual.get()) + ", expected " + Arrays.toString(shape));
            return manager.zeros(new Shape(shape));
        }
        Tensor t = stateDict.get(key);
        String problem = valueProblem(t);
        if (problem != null) {
            badValues.add(key + " " + problem);
            return manager.zeros(new Shape(shape));
        }
        return NdArrays.toFloat32(manager, t);
    }

    /**
     * Why a checkpoint tensor cannot serve as float weights, or {@code null}: integer and bool tensors hold
     * something else (an index, a flag, or storage of the wrong type), and NaN or infinite weights (often half
     * storage read wrongly, or a diverged run) would silently poison every output. Shared with model loaders that
     * read a state dict without this class.
     *
     * @return the problem, phrased to follow the tensor's key, or {@code null} when the tensor is usable
     */
    public static String valueProblem(Tensor tensor) {
        switch (tensor.dtype()) {
            case FLOAT32, FLOAT64, FLOAT16, BFLOAT16 -> { }
            default -> {
                return "has dtype " + tensor.dtype() + " where floating-point weights are required";
            }
        }
        float[] values = tensor.toFloatArray();
        int i = LoadedValues.firstNonFinite(values);
        if (i >= 0) {
            return "holds " + values[i] + " at element " + i + " (weights must be finite"
                    + (tensor.dtype() == DType.FLOAT64 ? " and within float32 range" : "") + ")";
        }
        return null;
    }

    /**
     * A weight-normalised weight folded once: {@code w = g * v / ||v||}, the norm taken over every axis except
     * {@code dim}. Reads {@code prefix + "weight_g"} and {@code prefix + "weight_v"}; a checkpoint that stores
     * the plain {@code prefix + "weight"} instead (weight norm already removed) is accepted as well.
     *
     * @param prefix key prefix including the trailing dot, e.g. {@code "encoder.model.0.conv.conv."}
     * @param dim    the axis weight norm keeps (0 for SEANet convolutions)
     * @param shape  shape of the weight ({@code weight_v})
     */
    public NDArray weightNormed(String prefix, int dim, long... shape) {
        if (initializer != null || (!has(prefix + "weight_v") && has(prefix + "weight"))) {
            return tensor(prefix + "weight", shape);
        }
        long[] gShape = new long[shape.length];
        Arrays.fill(gShape, 1);
        gShape[dim] = shape[dim];
        NDArray g = tensor(prefix + "weight_g", gShape);
        NDArray v = tensor(prefix + "weight_v", shape);
        NDArray w = WeightNorm.fold(g, v, dim);
        g.close();
        v.close();
        return w;
    }

    /** Keys read so far. */
    public Set<String> usedKeys() {
        return Set.copyOf(used);
    }

    /**
     * Checks the checkpoint against everything that was read.
     *
     * @throws VoxtokException ({@link ErrorKind#USER_INPUT}) naming the checkpoint file and every missing,
     *                         mis-shaped, non-float or non-finite, and unexpected key
     */
    public void finish() {
        Set<String> unexpected = new TreeSet<>();
        for (String key : stateDict.keys()) {
            if (!used.contains(key) && !isIgnorable(key)) {
                unexpected.add(key);
            }
        }
        if (missing.isEmpty() && wrongShapes.isEmpty() && badValues.isEmpty() && unexpected.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder("checkpoint ")
                .append(stateDict.source() == null ? "(in-memory state dict)" : stateDict.source())
                .append(" does not match the ").append(modelName).append(" configuration:");
        if (!missing.isEmpty()) {
            sb.append(" missing keys ").append(listed(missing)).append(';');
        }
        if (!wrongShapes.isEmpty()) {
            sb.append(" wrong shapes ").append(wrongShapes).append(';');
        }
        if (!badValues.isEmpty()) {
            sb.append(" invalid values ").append(badValues).append(';');
        }
        if (!unexpected.isEmpty()) {
            sb.append(" unexpected keys ").append(listed(unexpected)).append(';');
        }
        sb.setLength(sb.length() - 1);
        throw new VoxtokException(ErrorKind.USER_INPUT, sb.toString());
    }

    /** Most keys named in one list of the message; a checkpoint of thousands of bogus keys still gives one line. */
    static final int LISTED_KEYS = 20;

    private static String listed(Set<String> keys) {
        if (keys.size() <= LISTED_KEYS) {
            return keys.toString();
        }
        return "[" + String.join(", ", keys.stream().limit(LISTED_KEYS).toList()) + ", ... (" + keys.size()
                + " in all)]";
    }

    private boolean isIgnorable(String key) {
        for (String p : ignorable) {
            if (key.matches(globToRegex(p))) {
                return true;
            }
        }
        return false;
    }

    private static String globToRegex(String glob) {
        String[] parts = glob.split("\\*", -1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                sb.append(".*");
            }
            sb.append(java.util.regex.Pattern.quote(parts[i]));
        }
        return sb.toString();
    }
}
