package io.voxtok.plugin.uslm.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import io.voxtok.nn.StateDictBlock;

/** {@code nn.LayerNorm(d, eps=1e-5)} with {@code weight} and {@code bias}. */
public final class LayerNorm extends StateDictBlock implements PreNorm {
    /** The official epsilon. */
    public static final float EPS = 1e-5f;
    private final Parameter weight;
    private final Parameter bias;

    /** @param weight {@code [d]} @param bias {@code [d]} */
    public LayerNorm(NDArray weight, NDArray bias) {
        this.weight = parameter("weight", weight);
        this.bias = parameter("bias", bias);
    }

    @Override
    public NDArray forward(NDArray x, boolean training) {
        return TensorOps.layerNorm(x, weight.getArray(), bias.getArray(), EPS);
    }

    @Override
    public NDArray normalize(NDArray x, NDArray stageEmbedding) {
        return forward(x, false);
    }
}
