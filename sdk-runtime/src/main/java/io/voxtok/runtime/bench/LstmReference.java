package io.voxtok.runtime.bench;

/**
 * A native LSTM layer next to the matrix products it is made of, each measured on its own: the input projection
 * (one product over all steps) and one recurrent step ({@code (B, H) x (H, 4H)}, which cannot batch over time).
 * {@code matmulBoundSeconds = directions * (projection + steps * step)} is what the layer would cost if its gate
 * arithmetic were free; a native kernel far above it loses time per step (synchronisation, element-wise work).
 *
 * @param lstm                   the LSTM layer's shape in words
 * @param lstmSeconds            median time of the native layer call
 * @param inputProjectionSeconds median time of one direction's input projection
 * @param recurrentStepSeconds   median time of one recurrent step product
 * @param matmulBoundSeconds     the bound above
 */
public record LstmReference(String lstm, double lstmSeconds, double inputProjectionSeconds,
                            double recurrentStepSeconds, double matmulBoundSeconds) {
}
