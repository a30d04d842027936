package io.voxtok.nn.activation;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import io.voxtok.nn.NdArrays;
import io.voxtok.nn.ParameterLoader;
import io.voxtok.nn.StateDictBlock;

/**
 * Snake activation with a learned per-channel frequency: {@code y = x + (1 / (alpha + 1e-9)) * sin^2(alpha * x)}
 * (SPEC 1.4), parameter {@code alpha: [1, C, 1]}. The reciprocal is computed on each call (so {@code alpha}
 * trains) until {@link #freezeForInference()} computes it once.
 */
public final class Snake extends StateDictBlock {
    private final Parameter alpha;
    private NDArray frozenInverse;

    /** @param alpha {@code [1, C, 1]} on the weights' manager */
    public Snake(NDArray alpha) {
        this.alpha = parameter("alpha", alpha);
    }

    /** Loads {@code key} ({@code ...alpha}) of shape {@code [1, channels, 1]}. */
    public static Snake load(ParameterLoader loader, String key, int channels) {
        return new Snake(loader.tensor(key, 1, channels, 1));
    }

    private static NDArray inverse(NDArray alpha) {
        try (NDArray shifted = alpha.add(1e-9f)) {
            return NdArrays.pow(shifted, -1);
        }
    }

    /** {@inheritDoc} */
    @Override
    public NDArray forward(NDArray x, boolean training) {
        checkTrainable(training);
        NDArray a = alpha.getArray();
        NDArray inv = frozenInverse != null ? frozenInverse : inverse(a);
        try (NDArray ax = x.mul(a);
             NDArray s = ax.sin();
             NDArray s2 = s.square();
             NDArray scaled = s2.mul(inv)) {
            return x.add(scaled);
        } finally {
            if (inv != frozenInverse) {
                inv.close();
            }
        }
    }

    @Override
    protected void freeze() {
        frozenInverse = inverse(alpha.getArray());
    }
}
