package io.voxtok.nn.recurrent;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * Weights of one LSTM layer in one direction, PyTorch layout: gate row blocks ordered i, f, g, o.
 *
 * @param weightIh {@code [4H, input]}
 * @param weightHh {@code [4H, H]}
 * @param biasIh   {@code [4H]}
 * @param biasHh   {@code [4H]}
 */
public record LstmCellWeights(NDArray weightIh, NDArray weightHh, NDArray biasIh, NDArray biasHh) {
    /** The four tensors in the order the native LSTM kernel expects them. */
    NDList asList() {
        return new NDList(weightIh, weightHh, biasIh, biasHh);
    }
}
