package io.voxtok.nn.norm;

import ai.djl.ndarray.NDArray;
import io.voxtok.nn.Layer;
import io.voxtok.nn.ParameterLoader;

/**
 * {@code nn.GroupNorm(1, C)} on {@code (B, C, T)}, EnCodec's {@code time_group_norm}: per item, the mean and the
 * biased variance are taken over all channels and time steps, {@code y = (x - mean) / sqrt(var + eps)}, then a
 * per-channel affine {@code y * weight[c] + bias[c]}. Its output depends on the whole input, so it is never
 * causal. Immutable and thread-safe.
 */
public final class TimeGroupNorm implements Layer {
    /** PyTorch's default epsilon. */
    public static final float DEFAULT_EPS = 1e-5f;

    private final NDArray weight;
    private final NDArray bias;
    private final float eps;

    /**
     * @param weight {@code [C]} per-channel scale (kept and owned by its manager)
     * @param bias   {@code [C]} per-channel shift
     * @param eps    added to the variance
     */
    public TimeGroupNorm(NDArray weight, NDArray bias, float eps) {
        long c = weight.getShape().get(0);
        // owned copies in (C, 1) layout: a reshape view of an array created from a Java buffer would not keep that
        // buffer alive once the original array is closed
        try (NDArray w = weight.reshape(c, 1); NDArray b = bias.reshape(c, 1)) {
            this.weight = w.duplicate();
            this.bias = b.duplicate();
        }
        this.eps = eps;
    }

    /**
     * Loads {@code prefix + "weight"} and {@code prefix + "bias"}, both {@code [channels]}.
     *
     * @param prefix e.g. {@code "encoder.model.0.conv.norm."}
     */
    public static TimeGroupNorm load(ParameterLoader loader, String prefix, int channels) {
        try (NDArray w = loader.tensor(prefix + "weight", channels);
             NDArray b = loader.tensor(prefix + "bias", channels)) {
            return new TimeGroupNorm(w, b, DEFAULT_EPS);
        }
    }

    /** {@inheritDoc} Input and output {@code (B, C, T)}. */
    @Override
    public NDArray forward(NDArray x) {
        // the engine reduces over one axis at a time: flatten (C, T) per item
        long batch = x.getShape().get(0);
        int[] axis = {1};
        try (NDArray rows = x.reshape(batch, -1);
             NDArray rowMean = rows.mean(axis, true);
             NDArray mean = rowMean.reshape(batch, 1, 1);
             NDArray centered = x.sub(mean);
             NDArray sq = centered.square();
             NDArray sqRows = sq.reshape(batch, -1);
             NDArray rowVar = sqRows.mean(axis, true);
             NDArray var = rowVar.reshape(batch, 1, 1);
             NDArray varEps = var.add(eps);
             NDArray std = varEps.sqrt();
             NDArray normed = centered.div(std);
             NDArray scaled = normed.mul(weight)) {
            return scaled.add(bias);
        }
    }
}
