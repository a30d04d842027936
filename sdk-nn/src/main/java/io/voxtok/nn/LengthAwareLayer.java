package io.voxtok.nn;

import ai.djl.ndarray.NDArray;

/**
 * A layer that can run a zero-padded batch of items of different lengths so that each item's valid outputs
 * equal running it alone (like a packed sequence). {@link Sequential#forwardItems} batches such layers and
 * runs every other layer item by item.
 */
public interface LengthAwareLayer extends Layer {
    /**
     * @param x       {@code (B, C, T)}, item {@code b} valid on its first {@code lengths[b]} frames
     * @param lengths valid frames per item, each in {@code [1, T]}
     * @return output whose frames past an item's length are unspecified
     */
    NDArray forward(NDArray x, int[] lengths);
}
