package io.voxtok.nn.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.voxtok.nn.ParameterLoader;
import io.voxtok.nn.StateDictBlock;

/**
 * SEANet's {@code SConv1d}: explicit padding by the rule of SPEC 1.1 (fixed padding split for non-causal,
 * all on the left for causal, plus the extra right padding {@code E}, both in the padding mode), then a plain
 * {@code conv1d} with padding 0. The output has {@code ceil(L / stride)} frames.
 *
 * <p>Parameters carry the official local names {@code conv.conv.weight_g}, {@code conv.conv.weight_v} and
 * {@code conv.conv.bias} (or {@code conv.conv.weight} for a plain weight). Weight norm is applied in every
 * forward pass until {@link #freezeForInference()} folds it once. A frozen wide downsampling convolution
 * (kernel a multiple of the stride, see {@link PolyphaseConv1d#applies}) runs in its polyphase form, which is
 * faster and equal up to float rounding; a frozen stride-1 convolution with the same reflect padding on both sides
 * skips the padded copy ({@link ReflectPaddedConv1d}). Thread-safe for inference once frozen or when not training.
 */
public final class StreamableConv1d extends StateDictBlock {
    private static final String PREFIX = "conv.conv.";
    private final NormedWeight weight;
    private final Parameter bias;
    private final int stride;
    private final int dilation;
    private final int groups;
    private final boolean causal;
    private final PaddingMode padMode;
    private final Shape strideShape;
    private final Shape dilationShape;
    private final Shape zeroPadding = new Shape(0);
    /** The {@link PolyphaseConv1d} weight, set by {@link #freeze()} where that form applies. */
    private NDArray phaseWeight;

    /**
     * A convolution with a plain (already folded) weight.
     *
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
        this(new ParameterLoader.WeightNormPair(null, null, weight), bias, stride, dilation, groups, causal, padMode);
    }

    /**
     * A convolution whose weight is either weight-normed ({@code g}, {@code v}) or plain.
     *
     * @param weights {@code v} (or the plain weight) of shape {@code [out, in / groups, k]}
     */
    public StreamableConv1d(ParameterLoader.WeightNormPair weights, NDArray bias, int stride, int dilation,
                            int groups, boolean causal, PaddingMode padMode) {
        this.weight = new NormedWeight(weights, 0, PREFIX, this::parameter);
        if (weight.shape().dimension() != 3) {
            throw new IllegalArgumentException("conv1d weight must be [out, in, k], got " + weight.shape());
        }
        this.bias = bias == null ? null : parameter(PREFIX + "bias", bias);
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
     * in {@code conv.conv.}); weight norm is kept as two parameters.
     *
     * @param prefix key prefix with the trailing dot
     */
    public static StreamableConv1d load(ParameterLoader loader, String prefix, int in, int out, int kernel,
                                        int stride, int dilation, boolean causal, PaddingMode padMode) {
        ParameterLoader.WeightNormPair w = loader.weightNormPair(prefix, 0, out, in, kernel);
        NDArray b = loader.tensor(prefix + "bias", out);
        return new StreamableConv1d(w, b, stride, dilation, 1, causal, padMode);
    }

    /** Kernel size. */
    public int kernelSize() {
        return Math.toIntExact(weight.shape().get(2));
    }

    /** Output channels. */
    public int outChannels() {
        return Math.toIntExact(weight.shape().get(0));
    }

    /** Stride. */
    public int stride() {
        return stride;
    }

    /** Input channels ({@code groups} times the weight's second axis). */
    public int inChannels() {
        return Math.toIntExact(weight.shape().get(1)) * groups;
    }

    /** The bias {@code [out]} (do not modify or close), or {@code null}. */
    public NDArray bias() {
        return bias == null ? null : bias.getArray();
    }

    /** Dilation. */
    public int dilation() {
        return dilation;
    }

    /**
     * The effective weight {@code [out, in / groups, k]} (do not modify); the caller closes it when the layer
     * is weight-normed and not frozen (a fresh fold).
     */
    public NDArray weight() {
        return weight.get();
    }

    /**
     * Whether {@link #forward} runs this convolution in its polyphase form ({@link PolyphaseConv1d}) on an input of
     * {@code length} samples: frozen, a form that applies, and a padded length divisible by the stride.
     */
    public boolean runsPolyphase(int length) {
        if (phaseWeight == null) {
            return false;
        }
        int[] pad = ConvGeometry.convPadding(length, kernelSize(), stride, dilation, causal);
        return PolyphaseConv1d.fits((long) length + pad[0] + pad[1], stride);
    }

    /** {@inheritDoc} Input {@code (B, in, L)}, output {@code (B, out, ceil(L / stride))}. */
    @Override
    public NDArray forward(NDArray x, boolean training) {
        checkTrainable(training);
        int length = Math.toIntExact(x.getShape().get(2));
        int[] pad = ConvGeometry.convPadding(length, kernelSize(), stride, dilation, causal);
        NDArray w = weight.get();
        if (isFrozen() && stride == 1 && groups == 1 && padMode == PaddingMode.REFLECT
                && ReflectPaddedConv1d.fits(length, pad[0], pad[1])) {
            return ReflectPaddedConv1d.forward(x, w, bias == null ? null : bias.getArray(), pad[0], dilation);
        }
        try (NDArray padded = Padding1d.pad(x, pad[0], pad[1], padMode)) {
            if (phaseWeight != null && PolyphaseConv1d.fits(padded.getShape().get(2), stride)) {
                return PolyphaseConv1d.forward(padded, phaseWeight, bias == null ? null : bias.getArray(), stride);
            }
            return padded.getNDArrayInternal()
                    .convolution(padded, w, bias == null ? null : bias.getArray(), strideShape, zeroPadding,
                            dilationShape, groups)
                    .singletonOrThrow();
        } finally {
            if (weight.freshOnEachCall()) {
                w.close();
            }
        }
    }

    @Override
    protected void freeze() {
        weight.freeze();
        if (PolyphaseConv1d.applies(inChannels(), kernelSize(), stride, dilation, groups)) {
            phaseWeight = PolyphaseConv1d.weight(weight.get(), stride);
        }
    }
}
