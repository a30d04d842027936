package io.voxtok.nn.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.voxtok.nn.Layer;
import io.voxtok.nn.ParameterLoader;

/**
 * SEANet's {@code SConv1d}: explicit padding by the rule of SPEC 1.1 (fixed padding split for non-causal,
 * all on the left for causal, plus the extra right padding {@code E}, both in the padding mode), then a plain
 * {@code conv1d} with padding 0. The output has {@code ceil(L / stride)} frames.
 *
 * <p>Immutable and thread-safe; the weight (weight norm already folded) stays on the loading manager.
 */
public final class StreamableConv1d implements Layer {
    private final NDArray weight;
    private final NDArray bias;
    private final int stride;
    private final int dilation;
    private final int groups;
    private final boolean causal;
    private final PaddingMode padMode;
    private final Shape strideShape;
    private final Shape dilationShape;
    private final Shape zeroPadding = new Shape(0);

    /**
     * @param weight   {@code [out, in / groups, k]}
     * @param bias     {@code [out]} or {@code null}
     * @param stride   stride
     * @param dilation dilation
     * @param groups   groups
     * @param causal   causal padding (all fixed padding on the left)
     * @param padMode  padding mode for both the fixed and the extra padding
     */
    public StreamableConv1d(NDArray weight, NDArray bias, int stride, int dilation, int groups, boolean causal,
                            PaddingMode padMode) {
        if (weight.getShape().dimension() != 3) {
            throw new IllegalArgumentException("conv1d weight must be [out, in, k], got " + weight.getShape());
        }
        this.weight = weight;
        this.bias = bias;
        this.stride = stride;
        this.dilation = dilation;
        this.groups = groups;
        this.causal = causal;
        this.padMode = padMode;
        this.strideShape = new Shape(stride);
        this.dilationShape = new Shape(dilation);
    }

    /**
     * Loads {@code prefix + "bias"} and the weight-normed {@code prefix + "weight_g/weight_v"} (SEANet keys end
     * in {@code conv.conv.}).
     *
     * @param prefix key prefix with the trailing dot
     */
    public static StreamableConv1d load(ParameterLoader loader, String prefix, int in, int out, int kernel,
                                        int stride, int dilation, boolean causal, PaddingMode padMode) {
        NDArray w = loader.weightNormed(prefix, 0, out, in, kernel);
        NDArray b = loader.tensor(prefix + "bias", out);
        return new StreamableConv1d(w, b, stride, dilation, 1, causal, padMode);
    }

    /** Kernel size. */
    public int kernelSize() {
        return Math.toIntExact(weight.getShape().get(2));
    }

    /** Output channels. */
    public int outChannels() {
        return Math.toIntExact(weight.getShape().get(0));
    }

    /** Stride. */
    public int stride() {
        return stride;
    }

    /** The folded weight {@code [out, in / groups, k]} (do not modify or close). */
    public NDArray weight() {
        return weight;
    }

    /** {@inheritDoc} Input {@code (B, in, L)}, output {@code (B, out, ceil(L / stride))}. */
    @Override
    public NDArray forward(NDArray x) {
        int length = Math.toIntExact(x.getShape().get(2));
        int[] pad = ConvGeometry.convPadding(length, kernelSize(), stride, dilation, causal);
        try (NDArray padded = Padding1d.pad(x, pad[0], pad[1], padMode)) {
            return padded.getNDArrayInternal()
                    .convolution(padded, weight, bias, strideShape, zeroPadding, dilationShape, groups)
                    .singletonOrThrow();
        }
    }
}
