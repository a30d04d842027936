package io.voxtok.plugin.uslm.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import io.voxtok.nn.StateDictBlock;

/**
 * {@code nn.Linear} ({@code weight [out, in]}, optional {@code bias [out]}) computed with the fused engine op, or
 * a bias-free layer whose weight is <em>another block's</em> parameter (the tied NAR prediction layers): a tied
 * layer registers no parameter of its own, so an optimiser sees the shared weight once.
 */
public final class Linear extends StateDictBlock {
    private final Parameter weight;
    private final Parameter bias;

    private Linear(Parameter tied, NDArray weight, NDArray bias) {
        this.weight = tied != null ? tied : parameter("weight", weight);
        this.bias = bias == null ? null : parameter("bias", bias);
    }

    /** A layer owning its weight and (optional, may be null) bias. */
    public static Linear of(NDArray weight, NDArray bias) {
        return new Linear(null, weight, bias);
    }

    /** A bias-free layer sharing {@code weight} with another block (not registered here). */
    public static Linear tied(Parameter weight) {
        return new Linear(weight, null, null);
    }

    /** Whether the weight belongs to another block. */
    public boolean isTied() {
        return !getDirectParameters().contains("weight");
    }

    /** The weight parameter (possibly another block's). */
    public Parameter weightParameter() {
        return weight;
    }

    @Override
    public NDArray forward(NDArray x, boolean training) {
        return TensorOps.linear(x, weight.getArray(), bias == null ? null : bias.getArray());
    }
}
