package io.voxtok.training.discriminator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.voxtok.nn.StateDictBlock;
import io.voxtok.nn.conv.WeightNorm;

import java.util.Arrays;

/**
 * A {@code Conv1d} or {@code Conv2d} (zero padding, as {@code torch.nn.ConvNd}) whose weight is plain,
 * weight-normed or spectral-normed, with the tensors under the names PyTorch gives them:
 * {@code weight, bias}; {@code bias, weight_g, weight_v}; or {@code bias, weight_orig} plus the buffers
 * {@code weight_u, weight_v}.
 *
 * <p>Tensors start as zeros; a {@link DiscriminatorInit} fills them. The effective weight is recomputed on every
 * call so that gradients reach the stored parameters.
 */
final class NormedConv extends StateDictBlock {
    private final ConvNorm norm;
    private final Shape stride;
    private final Shape padding;
    private final Shape dilation;
    private final int groups;
    private final Parameter bias;
    private final Parameter weight;
    private final Parameter weightG;

    /**
     * @param manager     owner of the tensors
     * @param norm        weight parametrisation
     * @param weightShape {@code [out, in / groups, k]} or {@code [out, in / groups, kh, kw]}
     * @param stride      per spatial axis
     * @param padding     zeros added on both sides, per spatial axis
     * @param dilation    per spatial axis
     * @param groups      channel groups
     */
    NormedConv(NDManager manager, ConvNorm norm, long[] weightShape, long[] stride, long[] padding, long[] dilation,
               int groups) {
        int spatial = weightShape.length - 2;
        if (spatial < 1 || spatial > 2 || stride.length != spatial || padding.length != spatial
                || dilation.length != spatial) {
            throw new IllegalArgumentException("inconsistent conv geometry: weight " + Arrays.toString(weightShape)
                    + ", stride " + Arrays.toString(stride) + ", padding " + Arrays.toString(padding)
                    + ", dilation " + Arrays.toString(dilation));
        }
        if (weightShape[0] % groups != 0) {
            throw new IllegalArgumentException(weightShape[0] + " output channels not divisible by " + groups
                    + " groups");
        }
        this.norm = norm;
        this.stride = new Shape(stride);
        this.padding = new Shape(padding);
        this.dilation = new Shape(dilation);
        this.groups = groups;
        Shape w = new Shape(weightShape);
        Shape b = new Shape(weightShape[0]);
        switch (norm) {
            case NONE -> {
                weight = parameter("weight", manager.zeros(w));
                bias = parameter("bias", manager.zeros(b));
                weightG = null;
            }
            case WEIGHT_NORM -> {
                // weight_norm removes `weight` and registers g, v after the existing bias
                bias = parameter("bias", manager.zeros(b));
                long[] g = new long[weightShape.length];
                Arrays.fill(g, 1);
                g[0] = weightShape[0];
                weightG = parameter("weight_g", manager.zeros(new Shape(g)));
                weight = parameter("weight_v", manager.zeros(w));
            }
            case SPECTRAL_NORM -> {
                bias = parameter("bias", manager.zeros(b));
                weight = parameter("weight_orig", manager.zeros(w));
                weightG = null;
                buffer("weight_u", manager.zeros(new Shape(weightShape[0])));
                buffer("weight_v", manager.zeros(new Shape(w.size() / weightShape[0])));
            }
            default -> throw new IllegalArgumentException(String.valueOf(norm));
        }
    }

    @Override
    public NDArray forward(NDArray x, boolean training) {
        checkTrainable(training);
        NDArray w = effectiveWeight(training);
        try {
            return x.getNDArrayInternal()
                    .convolution(x, w, bias.getArray(), stride, padding, dilation, groups)
                    .singletonOrThrow();
        } finally {
            if (w != weight.getArray()) {
                w.close(); // a derived weight; the autograd graph keeps its own reference
            }
        }
    }

    private NDArray effectiveWeight(boolean training) {
        return switch (norm) {
            case NONE -> weight.getArray();
            case WEIGHT_NORM -> WeightNorm.fold(weightG.getArray(), weight.getArray(), 0);
            case SPECTRAL_NORM -> {
                if (training) {
                    SpectralNorm.Vectors next = SpectralNorm.powerIteration(weight.getArray(), buffer("weight_u"),
                            buffer("weight_v"));
                    // the same buffer objects take the new values (callers holding the state dict stay valid);
                    // a graph recorded by an earlier call keeps the tensors it used, like PyTorch's clones
                    buffer("weight_u").intern(next.u());
                    buffer("weight_v").intern(next.v());
                }
                yield SpectralNorm.normalizedWeight(weight.getArray(), buffer("weight_u"), buffer("weight_v"));
            }
        };
    }
}
