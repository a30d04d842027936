package io.voxtok.nn.recurrent;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.voxtok.nn.ParameterLoader;
import io.voxtok.nn.StateDictBlock;

/**
 * A multi-layer LSTM with PyTorch's conventions (SPEC 1.6): sequence-first {@code (T, B, C)}, gate order
 * i, f, g, o, both biases, zero initial state, no projection; a bidirectional layer outputs
 * {@code [forward ; backward]} and the next layer consumes both halves.
 *
 * <p>Each layer is one call of the engine's native LSTM kernel (the time loop runs in C++, the input
 * projection is batched over all steps). Multi-layer stacks are built from 1-layer calls because DJL's
 * PyTorch engine fails on multi-layer bidirectional calls.
 *
 * <p>{@link #forward(NDArray, int[])} gives per-item lengths the semantics of a packed sequence: each item's
 * backward direction starts at its own last valid step, so its outputs do not depend on the padding.
 * Parameters carry {@code nn.LSTM}'s names ({@code weight_ih_l0}, {@code weight_hh_l0_reverse}, ...) and the
 * native kernel is differentiable, so the same block trains. Thread-safe when not training.
 */
public final class Lstm extends StateDictBlock {
    private final Parameter[][][] layers; // [layer][direction][w_ih, w_hh, b_ih, b_hh]
    private final int inputSize;
    private final int hiddenSize;
    private final boolean bidirectional;

    /**
     * @param layers        {@code [layer][direction]} weights; one direction, or two (forward, backward)
     * @param inputSize     input features of the first layer
     * @param hiddenSize    hidden size {@code H}
     * @param bidirectional whether each layer has a backward direction
     */
    public Lstm(LstmCellWeights[][] layers, int inputSize, int hiddenSize, boolean bidirectional) {
        if (layers.length == 0) {
            throw new IllegalArgumentException("an LSTM needs at least one layer");
        }
        for (LstmCellWeights[] l : layers) {
            if (l.length != (bidirectional ? 2 : 1)) {
                throw new IllegalArgumentException("expected " + (bidirectional ? 2 : 1) + " directions per layer");
            }
        }
        this.layers = new Parameter[layers.length][][];
        for (int l = 0; l < layers.length; l++) {
            this.layers[l] = new Parameter[layers[l].length][];
            for (int d = 0; d < layers[l].length; d++) {
                String suffix = "_l" + l + (d == 1 ? "_reverse" : "");
                LstmCellWeights w = layers[l][d];
                this.layers[l][d] = new Parameter[] {parameter("weight_ih" + suffix, w.weightIh()),
                    parameter("weight_hh" + suffix, w.weightHh()), parameter("bias_ih" + suffix, w.biasIh()),
                    parameter("bias_hh" + suffix, w.biasHh())};
            }
        }
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.bidirectional = bidirectional;
    }

    /**
     * Loads {@code nn.LSTM} state-dict keys {@code prefix + weight_ih_l{k}[_reverse]}, {@code weight_hh_l{k}},
     * {@code bias_ih_l{k}}, {@code bias_hh_l{k}}.
     *
     * @param prefix key prefix with the trailing dot, e.g. {@code "encoder.model.13.lstm."}
     */
    public static Lstm load(ParameterLoader loader, String prefix, int inputSize, int hiddenSize, int numLayers,
                            boolean bidirectional) {
        int dirs = bidirectional ? 2 : 1;
        LstmCellWeights[][] layers = new LstmCellWeights[numLayers][dirs];
        for (int l = 0; l < numLayers; l++) {
            int in = l == 0 ? inputSize : hiddenSize * dirs;
            for (int d = 0; d < dirs; d++) {
                String suffix = "_l" + l + (d == 1 ? "_reverse" : "");
                layers[l][d] = new LstmCellWeights(
                        loader.tensor(prefix + "weight_ih" + suffix, 4L * hiddenSize, in),
                        loader.tensor(prefix + "weight_hh" + suffix, 4L * hiddenSize, hiddenSize),
                        loader.tensor(prefix + "bias_ih" + suffix, 4L * hiddenSize),
                        loader.tensor(prefix + "bias_hh" + suffix, 4L * hiddenSize));
            }
        }
        return new Lstm(layers, inputSize, hiddenSize, bidirectional);
    }

    /**
     * A freshly initialised LSTM for training from scratch ({@link LstmInitializer}: {@code nn.LSTM}'s
     * {@code U(-1/sqrt(H), 1/sqrt(H))}), float32 parameters on {@code manager}. The parameters do not require
     * gradients yet: the trainer enables them on {@link #namedParameters()}.
     *
     * @param seed run seed; the same seed gives the same weights
     */
    public static Lstm initialized(NDManager manager, int inputSize, int hiddenSize, int numLayers,
                                   boolean bidirectional, long seed) {
        return load(ParameterLoader.initializing(manager, "lstm", new LstmInitializer(hiddenSize, seed)), "",
                inputSize, hiddenSize, numLayers, bidirectional);
    }

    /** Input features. */
    public int inputSize() {
        return inputSize;
    }

    /** Hidden size per direction. */
    public int hiddenSize() {
        return hiddenSize;
    }

    /** Whether layers are bidirectional. */
    public boolean bidirectional() {
        return bidirectional;
    }

    /** Number of layers. */
    public int numLayers() {
        return layers.length;
    }

    /**
     * Runs all items over the full length {@code T}, as {@code nn.LSTM} does on a padded tensor.
     *
     * @param x        {@code (T, B, inputSize)}
     * @param training training mode (no dropout here; passed to the kernel)
     * @return {@code (T, B, dirs * H)}, attached to {@code x}'s manager
     */
    @Override
    public NDArray forward(NDArray x, boolean training) {
        checkInput(x);
        NDArray h = x;
        for (Parameter[][] layer : layers) {
            NDArray next = bidirectional
                    ? runNative(h, new NDList(arrays(layer[0])).addAll(arrays(layer[1])), true, training)
                    : runNative(h, arrays(layer[0]), false, training);
            if (h != x) {
                h.close();
            }
            h = next;
        }
        return h;
    }

    /**
     * Runs items of different lengths packed into one padded batch, with the semantics of
     * {@code pack_padded_sequence}: outputs at {@code t < lengths[b]} equal running item {@code b} alone on its
     * first {@code lengths[b]} steps. Outputs at padded steps are unspecified.
     *
     * @param x       {@code (T, B, inputSize)}, item {@code b} valid on {@code [0, lengths[b])}
     * @param lengths valid steps per item, each in {@code [1, T]}
     * @return {@code (T, B, dirs * H)}, attached to {@code x}'s manager
     */
    public NDArray forward(NDArray x, int[] lengths) {
        return forward(x, lengths, false);
    }

    /**
     * {@link #forward(NDArray, int[])} in training or inference mode.
     *
     * @param lengths valid steps per item, or {@code null} for all
     */
    public NDArray forward(NDArray x, int[] lengths, boolean training) {
        if (lengths == null) {
            return forward(x, training);
        }
        checkInput(x);
        int steps = Math.toIntExact(x.getShape().get(0));
        int batch = Math.toIntExact(x.getShape().get(1));
        if (lengths.length != batch) {
            throw new IllegalArgumentException(lengths.length + " lengths for a batch of " + batch);
        }
        boolean full = true;
        for (int len : lengths) {
            if (len < 1 || len > steps) {
                throw new IllegalArgumentException("length " + len + " outside [1, " + steps + "]");
            }
            full &= len == steps;
        }
        if (full || !bidirectional) {
            // the forward direction is causal: padding after an item's end never reaches its valid outputs
            return forward(x, training);
        }
        NDManager m = x.getManager();
        // engine-owned: the index is saved by autograd and read again in backward (NdArrays.engineOwned)
        try (NDArray reverseRows = io.voxtok.nn.NdArrays.engineOwned(m.create(reverseIndex(steps, batch, lengths)))) {
            NDArray h = x;
            for (Parameter[][] layer : layers) {
                try (NDArray fwd = runNative(h, arrays(layer[0]), false, training);
                     NDArray reversedIn = takeTimeRows(h, reverseRows);
                     NDArray reversedOut = runNative(reversedIn, arrays(layer[1]), false, training);
                     NDArray bwd = takeTimeRows(reversedOut, reverseRows)) {
                    NDArray next = NDArrays.concat(new NDList(fwd, bwd), 2);
                    if (h != x) {
                        h.close();
                    }
                    h = next;
                }
            }
            return h;
        }
    }

    private void checkInput(NDArray x) {
        Shape s = x.getShape();
        if (s.dimension() != 3 || s.get(2) != inputSize) {
            throw new IllegalArgumentException("LSTM expects (T, B, " + inputSize + "), got " + s);
        }
    }

    private static NDList arrays(Parameter[] params) {
        NDList list = new NDList(params.length);
        for (Parameter p : params) {
            list.add(p.getArray());
        }
        return list;
    }

    /** One native 1-layer call with zero initial state; returns the output sequence only. */
    private NDArray runNative(NDArray x, NDList params, boolean bidi, boolean training) {
        NDManager m = x.getManager();
        long batch = x.getShape().get(1);
        Shape stateShape = new Shape(bidi ? 2 : 1, batch, hiddenSize);
        try (NDArray h0 = m.zeros(stateShape, x.getDataType());
             NDArray c0 = m.zeros(stateShape, x.getDataType())) {
            NDList out = x.getNDArrayInternal()
                    .lstm(x, new NDList(h0, c0), params, true, 1, 0.0, training, bidi, false);
            NDArray y = out.get(0);
            for (int i = 1; i < out.size(); i++) {
                out.get(i).close();
            }
            return y;
        }
    }

    /**
     * Row index (over the flattened {@code T * B} rows) that reverses each item's valid prefix in time and
     * leaves its padded tail in place; the map is its own inverse.
     */
    static long[] reverseIndex(int steps, int batch, int[] lengths) {
        long[] rows = new long[steps * batch];
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < batch; b++) {
                int src = t < lengths[b] ? lengths[b] - 1 - t : t;
                rows[t * batch + b] = (long) src * batch + b;
            }
        }
        return rows;
    }

    private static NDArray takeTimeRows(NDArray x, NDArray rows) {
        Shape s = x.getShape();
        try (NDArray flat = x.reshape(s.get(0) * s.get(1), s.get(2));
             NDArray picked = flat.get(x.getManager(), new NDIndex("{}", rows))) {
            return picked.reshape(s);
        }
    }
}
