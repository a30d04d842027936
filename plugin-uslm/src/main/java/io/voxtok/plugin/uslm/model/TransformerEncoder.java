package io.voxtok.plugin.uslm.model;

import ai.djl.ndarray.NDArray;
import io.voxtok.nn.StateDictBlock;
import java.util.List;

/**
 * The official {@code TransformerEncoder}: {@code layers.0 .. layers.L-1} followed by the final {@code norm}
 * (present because the layers are pre-LN). AR: LayerNorm; NAR: AdaptiveLayerNorm on the stage embedding.
 */
public final class TransformerEncoder extends StateDictBlock {
    private final ModuleList<TransformerEncoderLayer> layers;
    private final PreNorm norm;

    /**
     * @param layers the layers
     * @param norm   final norm (a block implementing {@link PreNorm})
     */
    public <N extends StateDictBlock & PreNorm> TransformerEncoder(List<TransformerEncoderLayer> layers, N norm) {
        this.layers = child("layers", new ModuleList<>(layers));
        this.norm = child("norm", norm);
    }

    /** Number of layers. */
    public int numLayers() {
        return layers.size();
    }

    @Override
    public NDArray forward(NDArray x, boolean training) {
        return forward(x, null, null, null, training);
    }

    /**
     * Runs every layer and the final norm.
     *
     * @param x              {@code (N, L, d)}
     * @param mask           additive mask or null
     * @param stageEmbedding NAR stage embedding or null
     * @param cache          per-layer KV caches ({@code numLayers()} entries) or null
     * @param training       dropout on
     */
    public NDArray forward(NDArray x, NDArray mask, NDArray stageEmbedding, List<LayerKvCache> cache,
                           boolean training) {
        NDArray h = x;
        for (int i = 0; i < layers.size(); i++) {
            NDArray next = layers.get(i).forward(h, mask, stageEmbedding, cache == null ? null : cache.get(i), training);
            if (h != x) {
                h.close();
            }
            h = next;
        }
        NDArray out = norm.normalize(h, stageEmbedding);
        if (h != x) {
            h.close();
        }
        return out;
    }
}
