package io.voxtok.nn.streaming;

import ai.djl.ndarray.NDArray;

/**
 * Hidden and cell state of a unidirectional multi-layer LSTM after some steps: per layer {@code (1, B, H)}.
 * A {@code null} state means zeros (the start of a sequence).
 *
 * @param hidden {@code h} per layer
 * @param cell   {@code c} per layer
 */
public record LstmState(NDArray[] hidden, NDArray[] cell) implements AutoCloseable {
    /** Closes every array. */
    @Override
    public void close() {
        for (NDArray a : hidden) {
            a.close();
        }
        for (NDArray a : cell) {
            a.close();
        }
    }
}
