package io.voxtok.training.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import io.voxtok.nn.NdArrays;

/**
 * Time-domain L1 loss of the SpeechTokenizer trainer ({@code recon_loss}): mean {@code |x - x_hat|} over the common
 * length.
 */
public final class ReconstructionLoss {
    private ReconstructionLoss() {
    }

    /**
     * @param target         {@code x}, {@code (B, 1, L)} (any rank; the last axis is time)
     * @param reconstruction {@code x_hat}, same rank, any length
     * @return a float32 scalar attached to {@code reconstruction}'s manager
     */
    public static NDArray compute(NDArray target, NDArray reconstruction) {
        try (LossScope scope = LossScope.open(reconstruction.getManager(), target, reconstruction)) {
            int length = Math.min(NdArrays.dim(target, -1), NdArrays.dim(reconstruction, -1));
            NDIndex common = new NDIndex("..., :{}", length);
            return scope.keep(target.get(common).sub(reconstruction.get(common)).abs().mean());
        }
    }
}
