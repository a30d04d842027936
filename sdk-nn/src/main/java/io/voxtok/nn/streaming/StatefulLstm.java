package io.voxtok.nn.streaming;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.voxtok.nn.ParameterLoader;
import io.voxtok.nn.recurrent.LstmCellWeights;

/**
 * A unidirectional multi-layer LSTM (PyTorch conventions, SPEC 1.6) that starts from, and returns, an explicit
 * {@link LstmState}, so a sequence can be processed in pieces: running {@code x1} then {@code x2} with the state
 * of the first call gives the outputs of running {@code [x1 ; x2]} at once. One native 1-layer call per layer.
 * Immutable and thread-safe.
 */
public final class StatefulLstm {
    private final LstmCellWeights[] layers;
    private final int inputSize;
    private final int hiddenSize;

    /**
     * @param layers     weights per layer (forward direction only)
     * @param inputSize  input features of the first layer
     * @param hiddenSize hidden size {@code H}
     */
    public StatefulLstm(LstmCellWeights[] layers, int inputSize, int hiddenSize) {
        if (layers.length == 0) {
            throw new IllegalArgumentException("an LSTM needs at least one layer");
        }
        this.layers = layers.clone();
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
    }

    /**
     * Loads {@code nn.LSTM} keys {@code prefix + weight_ih_l{k}}, {@code weight_hh_l{k}}, {@code bias_ih_l{k}},
     * {@code bias_hh_l{k}}.
     *
     * @param prefix key prefix with the trailing dot, e.g. {@code "encoder.model.13.lstm."}
     */
    public static StatefulLstm load(ParameterLoader loader, String prefix, int inputSize, int hiddenSize,
                                    int numLayers) {
        LstmCellWeights[] layers = new LstmCellWeights[numLayers];
        for (int l = 0; l < numLayers; l++) {
            int in = l == 0 ? inputSize : hiddenSize;
            layers[l] = new LstmCellWeights(
                    loader.tensor(prefix + "weight_ih_l" + l, 4L * hiddenSize, in),
                    loader.tensor(prefix + "weight_hh_l" + l, 4L * hiddenSize, hiddenSize),
                    loader.tensor(prefix + "bias_ih_l" + l, 4L * hiddenSize),
                    loader.tensor(prefix + "bias_hh_l" + l, 4L * hiddenSize));
        }
        return new StatefulLstm(layers, inputSize, hiddenSize);
    }

    /** Input features. */
    public int inputSize() {
        return inputSize;
    }

    /** Hidden size. */
    public int hiddenSize() {
        return hiddenSize;
    }

    /** Number of layers. */
    public int numLayers() {
        return layers.length;
    }

    /**
     * Runs a piece of a sequence.
     *
     * @param x     {@code (T, B, inputSize)}
     * @param state the state after the previous piece, or {@code null} at the start (zeros); not closed
     * @return the outputs {@code (T, B, H)} and the state after the last step, attached to {@code x}'s manager
     */
    public Result forward(NDArray x, LstmState state) {
        Shape s = x.getShape();
        if (s.dimension() != 3 || s.get(2) != inputSize) {
            throw new IllegalArgumentException("LSTM expects (T, B, " + inputSize + "), got " + s);
        }
        if (state != null && state.hidden().length != layers.length) {
            throw new IllegalArgumentException("state has " + state.hidden().length + " layers, the LSTM "
                    + layers.length);
        }
        NDManager m = x.getManager();
        Shape stateShape = new Shape(1, s.get(1), hiddenSize);
        NDArray[] hidden = new NDArray[layers.length];
        NDArray[] cell = new NDArray[layers.length];
        NDArray h = x;
        for (int l = 0; l < layers.length; l++) {
            LstmCellWeights w = layers[l];
            try (NDArray h0 = state == null ? m.zeros(stateShape, x.getDataType()) : state.hidden()[l].duplicate();
                 NDArray c0 = state == null ? m.zeros(stateShape, x.getDataType()) : state.cell()[l].duplicate()) {
                h0.attach(m);
                c0.attach(m);
                NDList out = h.getNDArrayInternal().lstm(h, new NDList(h0, c0),
                        new NDList(w.weightIh(), w.weightHh(), w.biasIh(), w.biasHh()), true, 1, 0.0, false, false,
                        false);
                hidden[l] = out.get(1);
                cell[l] = out.get(2);
                if (h != x) {
                    h.close();
                }
                h = out.get(0);
            }
        }
        return new Result(h, new LstmState(hidden, cell));
    }

    /**
     * Output of {@link #forward}.
     *
     * @param output {@code (T, B, H)}
     * @param state  state after the last step
     */
    public record Result(NDArray output, LstmState state) {
    }
}
