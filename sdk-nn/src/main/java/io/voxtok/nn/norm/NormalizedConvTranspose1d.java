package io.voxtok.nn.norm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import io.voxtok.nn.Layer;
import io.voxtok.nn.conv.ConvGeometry;
import io.voxtok.nn.conv.ConvTranspose1d;

/**
 * SEANet's {@code SConvTranspose1d} with a normalisation between the transposed convolution and the trimming, the
 * official order ({@code NormConvTranspose1d} normalises the full {@code (T - 1) * s + k} samples, then
 * {@code P = k - s} surplus samples are trimmed as in SPEC 1.2). With weight norm there is no such layer and
 * {@link io.voxtok.nn.conv.StreamableConvTranspose1d} applies. Immutable and thread-safe.
 */
public final class NormalizedConvTranspose1d implements Layer {
    private final ConvTranspose1d conv;
    private final Layer norm;
    private final int trimLeft;
    private final int trimRight;

    /**
     * @param conv           the raw transposed convolution
     * @param norm           the normalisation of its full output
     * @param causal         causal trimming
     * @param trimRightRatio share of the surplus trimmed on the right when causal
     */
    public NormalizedConvTranspose1d(ConvTranspose1d conv, Layer norm, boolean causal, double trimRightRatio) {
        this.conv = conv;
        this.norm = norm;
        int[] trim = ConvGeometry.transposedTrim(conv.kernelSize(), conv.stride(), causal, trimRightRatio);
        this.trimLeft = trim[0];
        this.trimRight = trim[1];
    }

    /** The raw transposed convolution. */
    public ConvTranspose1d conv() {
        return conv;
    }

    /** {@inheritDoc} Input {@code (B, in, T)}, output {@code (B, out, T * stride)}. */
    @Override
    public NDArray forward(NDArray x) {
        try (NDArray full = conv.forward(x); NDArray normed = norm.forward(full)) {
            long n = normed.getShape().get(2);
            return normed.get(new NDIndex("..., {}:{}", trimLeft, n - trimRight));
        }
    }
}
