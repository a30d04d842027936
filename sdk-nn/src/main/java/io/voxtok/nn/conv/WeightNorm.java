package io.voxtok.nn.conv;

import ai.djl.ndarray.NDArray;

import java.util.stream.IntStream;

/**
 * Folding of {@code torch.nn.utils.weight_norm} into a plain weight (SPEC 1.3): {@code w = v * (g / ||v||)},
 * the Euclidean norm taken over every axis except {@code dim}, with no epsilon — the same expression and
 * operation order as PyTorch's {@code _weight_norm}.
 *
 * <p>For SEANet convolutions {@code dim = 0}: per output channel for {@code Conv1d} ({@code v: [out, in, k]}),
 * per <em>input</em> channel for {@code ConvTranspose1d} ({@code v: [in, out, k]}). HuBERT's positional
 * convolution uses {@code dim = 2}.
 */
public final class WeightNorm {
    private WeightNorm() {
    }

    /**
     * Computes the effective weight.
     *
     * @param g   magnitudes, shape of {@code v} with every axis but {@code dim} of size 1
     * @param v   directions
     * @param dim the axis that keeps its own norm
     * @return the folded weight, attached to {@code v}'s manager
     */
    public static NDArray fold(NDArray g, NDArray v, int dim) {
        int rank = v.getShape().dimension();
        if (dim < 0 || dim >= rank) {
            throw new IllegalArgumentException("weight norm dim " + dim + " out of range for rank " + rank);
        }
        int[] axes = IntStream.range(0, rank).filter(a -> a != dim).toArray();
        try (NDArray squares = v.square();
             NDArray sum = squares.sum(axes, true);
             NDArray norm = sum.sqrt();
             NDArray scale = g.div(norm)) {
            return v.mul(scale);
        }
    }
}
