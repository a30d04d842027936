package io.voxtok.nn.activation;

import ai.djl.ndarray.NDArray;
import io.voxtok.nn.Layer;
import io.voxtok.nn.ParameterLoader;

/**
 * Snake activation with a learned per-channel frequency: {@code y = x + (1 / (alpha + 1e-9)) * sin^2(alpha * x)}
 * (SPEC 1.4), {@code alpha: [1, C, 1]}.
 */
public final class Snake implements Layer {
    private final NDArray alpha;
    private final NDArray inverse;

    /**
     * @param alpha {@code [1, C, 1]} on the weights' manager; {@code 1 / (alpha + 1e-9)} is precomputed there
     */
    public Snake(NDArray alpha) {
        this.alpha = alpha;
        try (NDArray shifted = alpha.add(1e-9f)) {
            this.inverse = shifted.pow(-1);
        }
    }

    /** Loads {@code key} ({@code ...alpha}) of shape {@code [1, channels, 1]}. */
    public static Snake load(ParameterLoader loader, String key, int channels) {
        return new Snake(loader.tensor(key, 1, channels, 1));
    }

    /** {@inheritDoc} */
    @Override
    public NDArray forward(NDArray x) {
        try (NDArray ax = x.mul(alpha);
             NDArray s = ax.sin();
             NDArray s2 = s.square();
             NDArray scaled = s2.mul(inverse)) {
            return x.add(scaled);
        }
    }
}
