package io.voxtok.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * What one training forward pass of a codec returns.
 *
 * @param reconstruction  decoded audio {@code (B, C, T*hop)}
 * @param commitmentLoss  scalar: mean over the quantizer layers of the per-layer commitment MSE
 * @param semanticFeature RVQ-1 quantized output projected for distillation {@code (B, T, D_teacher)}; may be
 *                        {@code null} for codecs without a semantic layer (EnCodec)
 * @param quantizedLayers per-layer quantized outputs {@code (B, D, T)}, in layer order
 * @param codes           int64 codes {@code (layers, B, T)} chosen in this pass
 * @param deadCodes       per layer, codes whose usage statistic was below the dead-code threshold before this
 *                        pass updated the codebooks (empty when not tracked)
 */
public record CodecForward(NDArray reconstruction, NDArray commitmentLoss, NDArray semanticFeature,
                           NDList quantizedLayers, NDArray codes, int[] deadCodes) {
    /** Copies the dead-code counts. */
    public CodecForward {
        deadCodes = deadCodes == null ? new int[0] : deadCodes.clone();
    }
}
