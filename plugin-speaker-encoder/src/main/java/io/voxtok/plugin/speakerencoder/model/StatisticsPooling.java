package io.voxtok.plugin.speakerencoder.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;

/**
 * The x-vector statistics pooling: per channel, the mean and the standard deviation over the valid frames of each
 * utterance, concatenated. A mask keeps the zero padding of short crops in a batch out of the statistics. No
 * parameters; stateless.
 */
public final class StatisticsPooling {
    /** Keeps the square root differentiable for constant channels. */
    static final float VARIANCE_FLOOR = 1e-5f;

    private StatisticsPooling() {
    }

    /**
     * Pools frames.
     *
     * @param x    {@code (B, C, T)}
     * @param mask {@code (B, 1, T)} with 1 for valid frames and 0 for padding (every row with at least one 1), or
     *             {@code null} when all frames are valid
     * @return {@code (B, 2C)}: means then standard deviations
     */
    public static NDArray pool(NDArray x, NDArray mask) {
        NDArray mean;
        NDArray var;
        if (mask == null) {
            mean = x.mean(new int[] {2}, true);
            var = x.sub(mean).square().mean(new int[] {2}, true);
        } else {
            NDArray count = mask.sum(new int[] {2}, true);
            mean = x.mul(mask).sum(new int[] {2}, true).div(count);
            var = x.sub(mean).square().mul(mask).sum(new int[] {2}, true).div(count);
        }
        NDArray std = var.add(VARIANCE_FLOOR).sqrt();
        return NDArrays.concat(new ai.djl.ndarray.NDList(mean.squeeze(2), std.squeeze(2)), 1);
    }
}
