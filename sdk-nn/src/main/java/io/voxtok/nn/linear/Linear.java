package io.voxtok.nn.linear;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import io.voxtok.nn.ParameterLoader;
import io.voxtok.nn.StateDictBlock;

/**
 * {@code nn.Linear}: {@code y = x W^T + b} over the last axis, parameters {@code weight [out, in]} and
 * {@code bias [out]}. Thread-safe when not training.
 */
public final class Linear extends StateDictBlock {
    private final Parameter weight;
    private final Parameter bias;

    /**
     * @param weight {@code [out, in]}
     * @param bias   {@code [out]} or {@code null}
     */
    public Linear(NDArray weight, NDArray bias) {
        if (weight.getShape().dimension() != 2) {
            throw new IllegalArgumentException("linear weight must be [out, in], got " + weight.getShape());
        }
        this.weight = parameter("weight", weight);
        this.bias = bias == null ? null : parameter("bias", bias);
    }

    /** Loads {@code prefix + "weight"} and {@code prefix + "bias"}. */
    public static Linear load(ParameterLoader loader, String prefix, int in, int out) {
        return new Linear(loader.tensor(prefix + "weight", out, in), loader.tensor(prefix + "bias", out));
    }

    /** Input features. */
    public int inFeatures() {
        return Math.toIntExact(weight.getArray().getShape().get(1));
    }

    /** Output features. */
    public int outFeatures() {
        return Math.toIntExact(weight.getArray().getShape().get(0));
    }

    /** {@inheritDoc} Input {@code (..., in)}, output {@code (..., out)}. */
    @Override
    public NDArray forward(NDArray x, boolean training) {
        try (NDArray wt = weight.getArray().transpose(); NDArray xw = x.matMul(wt)) {
            return bias == null ? io.voxtok.nn.NdArrays.alias(xw) : xw.add(bias.getArray());
        }
    }
}
