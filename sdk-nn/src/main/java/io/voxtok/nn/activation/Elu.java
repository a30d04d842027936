package io.voxtok.nn.activation;

import ai.djl.ndarray.NDArray;
import io.voxtok.nn.StateDictBlock;

/** {@code ELU(alpha)}: {@code x} for {@code x > 0}, else {@code alpha * (exp(x) - 1)} (PyTorch's kernel). */
public final class Elu extends StateDictBlock {
    private final float alpha;

    /** @param alpha the negative saturation value (1.0 in SEANet) */
    public Elu(float alpha) {
        this.alpha = alpha;
    }

    /** {@inheritDoc} */
    @Override
    public NDArray forward(NDArray x, boolean training) {
        return x.getNDArrayInternal().elu(alpha);
    }
}
