package io.voxtok.plugin.uslm.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import io.voxtok.nn.StateDictBlock;

/**
 * The official {@code AdaptiveLayerNorm}: {@code [gamma ; beta] = project_layer(stage_embedding)} (first d outputs
 * gamma, last d beta), output {@code gamma * norm(x) + beta}, where {@code norm} is an affine LayerNorm with its own
 * weight and bias. Children {@code project_layer} ({@code [2d, d]}) and {@code norm}.
 */
public final class AdaptiveLayerNorm extends StateDictBlock implements PreNorm {
    private final Linear projectLayer;
    private final LayerNorm norm;
    private final int dModel;

    /**
     * @param projectLayer {@code d -> 2d}
     * @param norm         inner LayerNorm
     * @param dModel       width
     */
    public AdaptiveLayerNorm(Linear projectLayer, LayerNorm norm, int dModel) {
        this.projectLayer = child("project_layer", projectLayer);
        this.norm = child("norm", norm);
        this.dModel = dModel;
    }

    /** {@inheritDoc} Needs a stage embedding: use {@link #normalize}. */
    @Override
    public NDArray forward(NDArray x, boolean training) {
        throw new UnsupportedOperationException("AdaptiveLayerNorm needs the stage embedding: call normalize(x, stage)");
    }

    @Override
    public NDArray normalize(NDArray x, NDArray stageEmbedding) {
        // The projection of the (1, d) stage embedding is a small temporary on the embedding's manager; it is
        // closed here (the autograd graph keeps its own reference), the output lives on x's manager.
        try (NDArray proj = projectLayer.forward(stageEmbedding, false);
             NDArray gamma = proj.get(new NDIndex(":, 0:" + dModel));
             NDArray beta = proj.get(new NDIndex(":, " + dModel + ":"));
             NDArray n = norm.forward(x, false);
             NDArray scaled = n.mul(gamma)) {
            return scaled.add(beta);
        }
    }
}
