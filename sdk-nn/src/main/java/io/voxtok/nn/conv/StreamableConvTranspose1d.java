package io.voxtok.nn.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import io.voxtok.nn.ParameterLoader;
import io.voxtok.nn.StateDictBlock;

/**
 * SEANet's {@code SConvTranspose1d} (SPEC 1.2): a transposed convolution with padding 0 whose
 * {@code P = k - s} surplus samples are trimmed — non-causal {@code P - P/2} on the left and {@code P/2} on the
 * right, causal {@code ceil(P * trimRightRatio)} on the right and the rest on the left. The output has
 * {@code T * s} samples; the extra padding of the encoder is not undone.
 *
 * <p>Trainable form: parameters {@code convtr.convtr.weight_g} {@code [in, 1, 1]}, {@code weight_v}
 * {@code [in, out, k]} (norm per input channel) and {@code bias}; the weight is folded and rearranged into its
 * polyphase form on every forward pass (differentiable), and once for all after {@link #freezeForInference()}.
 * Inference form: a precomputed {@link ConvTranspose1d}.
 */
public final class StreamableConvTranspose1d extends StateDictBlock {
    private static final String PREFIX = "convtr.convtr.";
    private final NormedWeight weight;
    private final Parameter bias;
    private final int stride;
    private final int kernel;
    private final int trimLeft;
    private final int trimRight;
    private ConvTranspose1d precomputed;

    /**
     * The inference form over a precomputed transposed convolution.
     *
     * @param conv           the raw transposed convolution (kernel {@code >=} stride)
     * @param causal         causal trimming
     * @param trimRightRatio share of the surplus trimmed on the right when causal (1.0 in EnCodec)
     */
    public StreamableConvTranspose1d(ConvTranspose1d conv, boolean causal, double trimRightRatio) {
        this.weight = null;
        this.bias = null;
        this.precomputed = conv;
        this.stride = conv.stride();
        this.kernel = conv.kernelSize();
        int[] trim = trim(kernel, stride, causal, trimRightRatio);
        this.trimLeft = trim[0];
        this.trimRight = trim[1];
    }

    /**
     * The trainable form.
     *
     * @param weights {@code g}/{@code v} (or a plain weight) with {@code v: [in, out, k]}
     * @param bias    {@code [out]}
     */
    public StreamableConvTranspose1d(ParameterLoader.WeightNormPair weights, NDArray bias, int stride, boolean causal,
                                     double trimRightRatio) {
        this.weight = new NormedWeight(weights, 0, PREFIX, this::parameter);
        this.bias = parameter(PREFIX + "bias", bias);
        this.stride = stride;
        this.kernel = Math.toIntExact(weight.shape().get(2));
        int[] trim = trim(kernel, stride, causal, trimRightRatio);
        this.trimLeft = trim[0];
        this.trimRight = trim[1];
    }

    private static int[] trim(int kernel, int stride, boolean causal, double trimRightRatio) {
        if (kernel < stride) {
            throw new IllegalArgumentException("SConvTranspose1d needs kernel >= stride, got kernel " + kernel
                    + " stride " + stride);
        }
        return ConvGeometry.transposedTrim(kernel, stride, causal, trimRightRatio);
    }

    /**
     * Loads {@code prefix + "bias"} and the weight-normed {@code prefix + "weight_g/weight_v"} with
     * {@code weight_v: [in, out, k]}. SEANet keys end in {@code convtr.convtr.}.
     */
    public static StreamableConvTranspose1d load(ParameterLoader loader, String prefix, int in, int out,
                                                 int kernel, int stride, boolean causal, double trimRightRatio) {
        ParameterLoader.WeightNormPair w = loader.weightNormPair(prefix, 0, in, out, kernel);
        NDArray b = loader.tensor(prefix + "bias", out);
        return new StreamableConvTranspose1d(w, b, stride, causal, trimRightRatio);
    }

    /** Input channels. */
    public int inChannels() {
        return precomputed != null ? precomputed.inChannels() : Math.toIntExact(weight.shape().get(0));
    }

    /** Output channels. */
    public int outChannels() {
        return precomputed != null ? precomputed.outChannels() : Math.toIntExact(weight.shape().get(1));
    }

    /** Kernel size. */
    public int kernelSize() {
        return kernel;
    }

    /** Stride (the upsampling factor). */
    public int stride() {
        return stride;
    }

    /** {@inheritDoc} Input {@code (B, in, T)}, output {@code (B, out, T * stride)}. */
    @Override
    public NDArray forward(NDArray x, boolean training) {
        checkTrainable(training);
        int frames = Math.toIntExact(x.getShape().get(2));
        int full = (frames - 1) * stride + kernel;
        int length = full - trimLeft - trimRight;
        if (precomputed != null) {
            return precomputed.forward(x, trimLeft, length);
        }
        NDArray w = weight.get();
        try (NDArray pw = ConvTranspose1d.phaseWeight(w, stride);
             NDArray pb = ConvTranspose1d.phaseBias(bias.getArray(), stride)) {
            return ConvTranspose1d.forward(x, pw, pb, stride, kernel, trimLeft, length);
        } finally {
            if (weight.freshOnEachCall()) {
                w.close();
            }
        }
    }

    @Override
    protected void freeze() {
        if (precomputed == null) {
            weight.freeze();
            NDArray w = weight.get();
            precomputed = new ConvTranspose1d(w.getManager(), w, bias.getArray(), stride);
            w.close();
        }
    }
}
