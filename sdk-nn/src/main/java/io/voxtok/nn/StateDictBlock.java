package io.voxtok.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A DJL {@link AbstractBlock} that, like a PyTorch {@code nn.Module}, names its parameters, buffers and children
 * with the official state-dict names, so that one definition serves inference, training, checkpoint import and
 * export.
 *
 * <p>Parameters are DJL {@link Parameter}s whose arrays live on the model's manager; gradients flow into them
 * when their arrays require gradients. Buffers (RVQ codebooks and EMA statistics, spectral-norm vectors) are
 * arrays updated in place by the forward pass in training mode, never by an optimiser.
 *
 * <p>{@link #forward(NDArray, boolean)} is the single definition of the computation; the inference
 * {@link Layer#forward(NDArray)} runs it with {@code training = false}. Inference models may call
 * {@link #freezeForInference()} once after loading, which lets blocks precompute derived weights (weight norm
 * folded, transposed-convolution phases); a frozen block refuses training.
 */
public abstract class StateDictBlock extends AbstractBlock implements Layer {
    private final Map<String, Parameter> namedParameters = new LinkedHashMap<>();
    private final Map<String, NDArray> namedBuffers = new LinkedHashMap<>();
    private final Map<String, StateDictBlock> namedChildren = new LinkedHashMap<>();
    private boolean frozen;

    /**
     * Registers a parameter under its official local name (e.g. {@code weight_g}).
     *
     * @param name  local state-dict name
     * @param value initial value, owned by the model's manager from now on
     * @return the parameter
     */
    protected final Parameter parameter(String name, NDArray value) {
        Parameter p = Parameter.builder().setName(name).setType(typeOf(name)).build();
        p.setArray(value);
        addParameter(p);
        namedParameters.put(name, p);
        return p;
    }

    /** Registers a buffer under its official local name; {@link #setBuffer} replaces its value. */
    protected final void buffer(String name, NDArray value) {
        value.setName(name);
        namedBuffers.put(name, value);
    }

    /** Replaces a buffer's value (the old array is closed). */
    protected final void setBuffer(String name, NDArray value) {
        NDArray old = namedBuffers.put(name, value);
        if (old != null && old != value) {
            old.close();
        }
    }

    /** A buffer by local name. */
    protected final NDArray buffer(String name) {
        NDArray b = namedBuffers.get(name);
        if (b == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " has no buffer " + name);
        }
        return b;
    }

    /**
     * Registers a child module under its official local name (e.g. {@code "0"}, {@code "block"}).
     *
     * @return the child
     */
    protected final <B extends StateDictBlock> B child(String name, B block) {
        addChildBlock(name, block);
        namedChildren.put(name, block);
        return block;
    }

    /** The direct children by local name, in registration order. */
    public final Map<String, StateDictBlock> children() {
        return Collections.unmodifiableMap(namedChildren);
    }

    /** Every parameter of this block and its descendants under its full official key, in module order. */
    public final Map<String, Parameter> namedParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        collect("", out, null);
        return out;
    }

    /** Every buffer of this block and its descendants under its full official key, in module order. */
    public final Map<String, NDArray> namedBuffers() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        collect("", null, out);
        return out;
    }

    /** Parameters' arrays and buffers under their official keys (parameters of a module before its buffers). */
    public final Map<String, NDArray> stateDict() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        stateDict("", out);
        return out;
    }

    /**
     * Copies a state dict into this block's parameters and buffers in place (like {@code load_state_dict}),
     * converting values to each array's data type.
     *
     * @param dict   the values
     * @param prefix key prefix of this block in {@code dict} (with the trailing dot), or {@code ""}
     * @throws io.voxtok.api.VoxtokException naming the file and every missing, unexpected or mis-shaped key
     */
    public final void loadStateDict(io.voxtok.modelio.StateDict dict, String prefix) {
        Map<String, NDArray> mine = stateDict();
        java.util.Set<String> missing = new java.util.TreeSet<>();
        java.util.List<String> wrong = new java.util.ArrayList<>();
        java.util.Set<String> unexpected = new java.util.TreeSet<>();
        for (String key : dict.keys()) {
            if (key.startsWith(prefix) && !mine.containsKey(key.substring(prefix.length()))) {
                unexpected.add(key);
            }
        }
        for (Map.Entry<String, NDArray> e : mine.entrySet()) {
            java.util.Optional<io.voxtok.modelio.Tensor> t = dict.find(prefix + e.getKey());
            if (t.isEmpty()) {
                missing.add(prefix + e.getKey());
            } else if (!java.util.Arrays.equals(t.get().shape(), e.getValue().getShape().getShape())) {
                wrong.add(prefix + e.getKey() + " is " + java.util.Arrays.toString(t.get().shape()) + ", expected "
                        + e.getValue().getShape());
            }
        }
        if (!missing.isEmpty() || !wrong.isEmpty() || !unexpected.isEmpty()) {
            throw io.voxtok.api.VoxtokException.userInput("state dict " + (dict.source() == null ? "(in memory)"
                    : dict.source()) + " does not match " + getClass().getSimpleName() + ":"
                    + (missing.isEmpty() ? "" : " missing keys " + missing + ";")
                    + (wrong.isEmpty() ? "" : " wrong shapes " + wrong + ";")
                    + (unexpected.isEmpty() ? "" : " unexpected keys " + unexpected + ";"));
        }
        for (Map.Entry<String, NDArray> e : mine.entrySet()) {
            NdArrays.copyInto(e.getValue(), dict.get(prefix + e.getKey()));
        }
    }

    private void stateDict(String prefix, Map<String, NDArray> out) {
        namedParameters.forEach((n, p) -> out.put(prefix + n, p.getArray()));
        namedBuffers.forEach((n, b) -> out.put(prefix + n, b));
        namedChildren.forEach((n, c) -> c.stateDict(prefix + n + ".", out));
    }

    private void collect(String prefix, Map<String, Parameter> params, Map<String, NDArray> buffers) {
        if (params != null) {
            namedParameters.forEach((n, p) -> params.put(prefix + n, p));
        }
        if (buffers != null) {
            namedBuffers.forEach((n, b) -> buffers.put(prefix + n, b));
        }
        namedChildren.forEach((n, c) -> c.collect(prefix + n + ".", params, buffers));
    }

    /**
     * The computation.
     *
     * @param x        input, attached to a manager that also receives the output and temporaries
     * @param training training mode (gradients, batch statistics, EMA updates, power iterations)
     * @return the output
     */
    public abstract NDArray forward(NDArray x, boolean training);

    /** {@inheritDoc} Inference: {@code forward(x, false)}. */
    @Override
    public final NDArray forward(NDArray x) {
        return forward(x, false);
    }

    /**
     * Precomputes inference-only derived weights in this block and its children and drops what only training
     * needs. Irreversible; calling it twice is harmless.
     */
    public final void freezeForInference() {
        if (frozen) {
            return;
        }
        namedChildren.values().forEach(StateDictBlock::freezeForInference);
        freeze();
        frozen = true;
    }

    /** Whether {@link #freezeForInference()} ran. */
    public final boolean isFrozen() {
        return frozen;
    }

    /** Hook of {@link #freezeForInference()} for this block only; the default does nothing. */
    protected void freeze() {
    }

    /** Throws if the block was frozen and {@code training} is requested. */
    protected final void checkTrainable(boolean training) {
        if (training && frozen) {
            throw new IllegalStateException(getClass().getSimpleName()
                    + " was frozen for inference and cannot train; load the model for training instead");
        }
    }

    /** {@inheritDoc} DJL entry point: one input array, one output array. */
    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return new NDList(forward(inputs.singletonOrThrow(), training));
    }

    /**
     * {@inheritDoc} Shapes depend on padding rules that only the forward pass applies; DJL's shape inference is
     * not used by Voxtok (parameters are created from checkpoints or initialisers, never from input shapes).
     */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        throw new UnsupportedOperationException(getClass().getSimpleName()
                + " does not infer output shapes; run forward instead");
    }

    private static Parameter.Type typeOf(String name) {
        return name.startsWith("bias") ? Parameter.Type.BIAS : Parameter.Type.WEIGHT;
    }
}
