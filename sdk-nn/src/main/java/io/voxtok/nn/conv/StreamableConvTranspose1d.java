package io.voxtok.nn.conv;

import ai.djl.ndarray.NDArray;
import io.voxtok.nn.Layer;
import io.voxtok.nn.ParameterLoader;

/**
 * SEANet's {@code SConvTranspose1d} (SPEC 1.2): a transposed convolution with padding 0 whose
 * {@code P = k - s} surplus samples are trimmed — non-causal {@code P - P/2} on the left and {@code P/2} on the
 * right, causal {@code ceil(P * trimRightRatio)} on the right and the rest on the left. The output has
 * {@code T * s} samples; the extra padding of the encoder is not undone. Immutable and thread-safe.
 */
public final class StreamableConvTranspose1d implements Layer {
    private final ConvTranspose1d conv;
    private final int trimLeft;
    private final int trimRight;

    /**
     * @param conv           the raw transposed convolution (kernel {@code >=} stride)
     * @param causal         causal trimming
     * @param trimRightRatio share of the surplus trimmed on the right when causal (1.0 in EnCodec)
     */
    public StreamableConvTranspose1d(ConvTranspose1d conv, boolean causal, double trimRightRatio) {
        if (conv.kernelSize() < conv.stride()) {
            throw new IllegalArgumentException("SConvTranspose1d needs kernel >= stride, got kernel "
                    + conv.kernelSize() + " stride " + conv.stride());
        }
        this.conv = conv;
        int[] trim = ConvGeometry.transposedTrim(conv.kernelSize(), conv.stride(), causal, trimRightRatio);
        this.trimLeft = trim[0];
        this.trimRight = trim[1];
    }

    /**
     * Loads {@code prefix + "bias"} and the weight-normed {@code prefix + "weight_g/weight_v"} with
     * {@code weight_v: [in, out, k]} (norm per input channel). SEANet keys end in {@code convtr.convtr.}.
     */
    public static StreamableConvTranspose1d load(ParameterLoader loader, String prefix, int in, int out,
                                                 int kernel, int stride, boolean causal, double trimRightRatio) {
        try (NDArray w = loader.weightNormed(prefix, 0, in, out, kernel);
             NDArray b = loader.tensor(prefix + "bias", out)) {
            return new StreamableConvTranspose1d(new ConvTranspose1d(loader.manager(), w, b, stride), causal,
                    trimRightRatio);
        }
    }

    /** {@inheritDoc} Input {@code (B, in, T)}, output {@code (B, out, T * stride)}. */
    @Override
    public NDArray forward(NDArray x) {
        int frames = Math.toIntExact(x.getShape().get(2));
        int full = conv.fullLength(frames);
        return conv.forward(x, trimLeft, full - trimLeft - trimRight);
    }
}
