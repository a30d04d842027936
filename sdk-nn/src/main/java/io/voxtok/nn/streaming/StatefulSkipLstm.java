package io.voxtok.nn.streaming;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.voxtok.nn.LengthAwareLayer;
import io.voxtok.nn.ParameterLoader;

/**
 * SEANet's unidirectional {@code SLSTM} (SPEC 1.6: {@code (B, C, T)} to {@code (T, B, C)}, LSTM with hidden size
 * {@code C}, skip {@code + x}, back to {@code (B, C, T)}) that can also stream, carrying the LSTM state between
 * pieces. Same keys as {@link io.voxtok.nn.recurrent.SkipLstm}. Being causal, a zero-padded batch gives every item
 * its own valid outputs, so batches of different lengths run together. Immutable and thread-safe.
 */
public final class StatefulSkipLstm implements LengthAwareLayer, StreamableLayer {
    private final StatefulLstm lstm;

    /** @param lstm an LSTM whose hidden size equals its input size */
    public StatefulSkipLstm(StatefulLstm lstm) {
        if (lstm.hiddenSize() != lstm.inputSize()) {
            throw new IllegalArgumentException("SLSTM needs hidden size == input size, got " + lstm.hiddenSize()
                    + " and " + lstm.inputSize());
        }
        this.lstm = lstm;
    }

    /** Loads {@code prefix + "lstm."} keys of a unidirectional {@code SLSTM(dimension, numLayers)}. */
    public static StatefulSkipLstm load(ParameterLoader loader, String prefix, int dimension, int numLayers) {
        return new StatefulSkipLstm(StatefulLstm.load(loader, prefix + "lstm.", dimension, dimension, numLayers));
    }

    /** The wrapped LSTM. */
    public StatefulLstm lstm() {
        return lstm;
    }

    /** {@inheritDoc} From zero state over the whole input. */
    @Override
    public NDArray forward(NDArray x) {
        return step(x);
    }

    /** {@inheritDoc} The recurrence is causal, so padding after an item's end never reaches its valid frames. */
    @Override
    public NDArray forward(NDArray x, int[] lengths) {
        return forward(x);
    }

    @Override
    public LayerStream openStream(NDManager stateManager) {
        return new LayerStream() {
            private LstmState state;

            @Override
            public NDArray push(NDArray x) {
                try (NDArray seq = x.transpose(2, 0, 1)) {
                    StatefulLstm.Result r = lstm.forward(seq, state);
                    if (state != null) {
                        state.close();
                    }
                    state = r.state();
                    for (NDArray a : state.hidden()) {
                        a.attach(stateManager);
                    }
                    for (NDArray a : state.cell()) {
                        a.attach(stateManager);
                    }
                    try (NDArray y = r.output(); NDArray sum = y.add(seq)) {
                        return sum.transpose(1, 2, 0);
                    }
                }
            }

            @Override
            public NDArray finish(NDManager manager) {
                close();
                return null;
            }

            @Override
            public void close() {
                if (state != null) {
                    state.close();
                    state = null;
                }
            }
        };
    }

    private NDArray step(NDArray x) {
        try (NDArray seq = x.transpose(2, 0, 1)) {
            StatefulLstm.Result r = lstm.forward(seq, null);
            r.state().close();
            try (NDArray y = r.output(); NDArray sum = y.add(seq)) {
                return sum.transpose(1, 2, 0);
            }
        }
    }
}
