package io.voxtok.plugin.uslm.model;

import ai.djl.ndarray.NDArray;

/**
 * A normalisation inside a transformer layer: plain {@link LayerNorm} in the AR, {@link AdaptiveLayerNorm}
 * conditioned on the NAR stage embedding in the NAR.
 */
public interface PreNorm {
    /**
     * @param x              {@code (N, L, d)}
     * @param stageEmbedding {@code (1, d)} for the NAR, {@code null} for the AR
     * @return the normalised array on {@code x}'s manager
     */
    NDArray normalize(NDArray x, NDArray stageEmbedding);
}
