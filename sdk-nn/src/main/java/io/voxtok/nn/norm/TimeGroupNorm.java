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
     * @param weight {@code [C, 1]} per-channel scale (reshaped from the checkpoint's {@code [C]})
     * @param bias   {@code [C, 1]} per-channel shift
     * @param eps    added to the variance
     */
    public TimeGroupNorm(NDArray weight, NDArray bias, float eps) {
        this.weight = weight;
        this.bias = bias;
        this.eps = eps;
    }

    /**
     * Loads {@code prefix + "weight"} and {@code prefix + "bias"}, both {@code [channels]}.
     *
     * @param prefix e.g. {@code "encoder.model.0.conv.norm."}
     */
    public static TimeGroupNorm load(ParameterLoader loader, String prefix, int channels) {
        NDArray w = loader.tensor(prefix + "weight", channels);
        NDArray b = loader.tensor(prefix + "bias", channels);
        NDArray w2 = w.reshape(channels, 1);
        NDArray b2 = b.reshape(channels, 1);
        w.close();
        b.close();
        return new TimeGroupNorm(w2, b2, DEFAULT_EPS);
    }

    /** {@inheritDoc} Input and output {@code (B, C, T)}. */
    @Override
    public NDArray forward(NDArray x) {
        int[] axes = {1, 2};
        try (NDArray mean = x.mean(axes, true);
             NDArray centered = x.sub(mean);
             NDArray sq = centered.square();
             NDArray var = sq.mean(axes, true);
             NDArray varEps = var.add(eps);
             NDArray std = varEps.sqrt();
             NDArray normed = centered.div(std);
             NDArray scaled = normed.mul(weight)) {
            return scaled.add(bias);
        }
    }
}
