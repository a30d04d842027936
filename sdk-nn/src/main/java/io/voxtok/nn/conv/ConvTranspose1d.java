package io.voxtok.nn.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * A transposed 1-D convolution ({@code groups = 1}, padding 0, output padding 0) built from one ordinary
 * {@code conv1d}, because DJL's PyTorch engine does not implement deconvolution.
 *
 * <p>Polyphase form: with stride {@code s}, kernel {@code k} and {@code M = ceil(k / s)} taps per phase,
 * output sample {@code n = q*s + r} is {@code sum_m x[q - m] . w[:, :, r + m*s]}. The {@code s} phases are
 * computed together as one convolution with {@code s * out} output channels over the input zero-padded by
 * {@code M - 1} frames on both sides (taps reversed, taps past {@code k} zero), then interleaved. The weight
 * rearrangement ({@link #phaseWeight}) is made of array operations only, so gradients flow back to the
 * PyTorch-layout weight; an instance holds a rearrangement computed once (the inference form).
 *
 * <p>{@link #forward} returns a window {@code [from, from + length)} of the full output
 * {@code (T - 1) * s + k}, so the SEANet trimming costs nothing extra. Immutable and thread-safe.
 */
public final class ConvTranspose1d {
    private static final Shape UNIT = new Shape(1);
    private static final Shape ZERO_PADDING = new Shape(0);
    private final NDArray phaseWeight;
    private final NDArray phaseBias;
    private final int inChannels;
    private final int outChannels;
    private final int kernel;
    private final int stride;

    /**
     * @param manager manager that owns the rearranged weights
     * @param weight  PyTorch layout {@code [in, out, k]} (weight norm folded); read once, not retained
     * @param bias    {@code [out]} or {@code null}
     * @param stride  stride
     */
    public ConvTranspose1d(NDManager manager, NDArray weight, NDArray bias, int stride) {
        Shape ws = checkWeight(weight, stride);
        this.inChannels = Math.toIntExact(ws.get(0));
        this.outChannels = Math.toIntExact(ws.get(1));
        this.kernel = Math.toIntExact(ws.get(2));
        this.stride = stride;
        this.phaseWeight = phaseWeight(weight, stride);
        this.phaseWeight.attach(manager);
        this.phaseBias = bias == null ? null : phaseBias(bias, stride);
        if (phaseBias != null) {
            phaseBias.attach(manager);
        }
    }

    private static Shape checkWeight(NDArray weight, int stride) {
        Shape ws = weight.getShape();
        if (ws.dimension() != 3) {
            throw new IllegalArgumentException("conv_transpose1d weight must be [in, out, k], got " + ws);
        }
        if (stride < 1) {
            throw new IllegalArgumentException("stride must be >= 1, got " + stride);
        }
        return ws;
    }

    /**
     * Rearranges a PyTorch transposed-convolution weight {@code [in, out, k]} into the polyphase convolution
     * weight {@code [s * out, in, M]}: row {@code r * out + o}, tap {@code j} holds {@code w[i, o, r + (M-1-j) s]}
     * (zero past {@code k}). Array operations only, so it is differentiable.
     *
     * @return attached to {@code weight}'s manager
     */
    public static NDArray phaseWeight(NDArray weight, int stride) {
        Shape ws = checkWeight(weight, stride);
        long in = ws.get(0);
        long out = ws.get(1);
        int k = Math.toIntExact(ws.get(2));
        int taps = ConvGeometry.ceilDiv(k, stride);
        try (NDArray padded = Padding1d.pad(weight, 0, taps * stride - k, PaddingMode.ZERO);
             NDArray split = padded.reshape(in, out, taps, stride);
             NDArray reversed = split.flip(2);
             NDArray phases = reversed.transpose(3, 1, 0, 2)) {
            return phases.reshape((long) stride * out, in, taps);
        }
    }

    /** The bias of every phase: {@code [s * out]}, {@code bias} repeated {@code s} times. */
    public static NDArray phaseBias(NDArray bias, int stride) {
        return bias.tile(stride);
    }

    /**
     * A window of the full output of the polyphase convolution with the given rearranged weights.
     *
     * @param x           input {@code (B, in, T)}
     * @param phaseWeight {@link #phaseWeight} of the layer
     * @param phaseBias   {@link #phaseBias} or {@code null}
     * @param stride      stride
     * @param kernel      kernel size of the original weight
     * @param from        first output sample kept
     * @param length      output samples kept ({@code from + length <= (T - 1) * s + k})
     * @return {@code (B, out, length)}, attached to {@code x}'s manager
     */
    public static NDArray forward(NDArray x, NDArray phaseWeight, NDArray phaseBias, int stride, int kernel,
                                  int from, int length) {
        Shape xs = x.getShape();
        long inChannels = phaseWeight.getShape().get(1);
        int taps = Math.toIntExact(phaseWeight.getShape().get(2));
        long outChannels = phaseWeight.getShape().get(0) / stride;
        if (xs.dimension() != 3 || xs.get(1) != inChannels) {
            throw new IllegalArgumentException("conv_transpose1d expects (B, " + inChannels + ", T), got " + xs);
        }
        long batch = xs.get(0);
        int frames = Math.toIntExact(xs.get(2));
        int full = (frames - 1) * stride + kernel;
        if (from < 0 || from + length > full) {
            throw new IllegalArgumentException("window [" + from + ", " + (from + length) + ") outside the "
                    + full + " output samples");
        }
        int q = frames + taps - 1;
        try (NDArray padded = Padding1d.pad(x, taps - 1, taps - 1, PaddingMode.ZERO);
             NDArray phases = padded.getNDArrayInternal()
                     .convolution(padded, phaseWeight, phaseBias, UNIT, ZERO_PADDING, UNIT, 1)
                     .singletonOrThrow();
             NDArray split = phases.reshape(batch, stride, outChannels, q);
             NDArray ordered = split.transpose(0, 2, 3, 1);
             NDArray interleaved = ordered.reshape(batch, outChannels, (long) q * stride)) {
            return interleaved.get(new NDIndex("..., {}:{}", from, from + length));
        }
    }

    /** Length of the full (untrimmed) output for {@code frames} input frames: {@code (T - 1) * s + k}. */
    public int fullLength(int frames) {
        return (frames - 1) * stride + kernel;
    }

    /** Kernel size. */
    public int kernelSize() {
        return kernel;
    }

    /** Stride. */
    public int stride() {
        return stride;
    }

    /** Output channels. */
    public int outChannels() {
        return outChannels;
    }

    /** Input channels. */
    public int inChannels() {
        return inChannels;
    }

    /** The full output {@code (B, out, (T - 1) * s + k)}. */
    public NDArray forward(NDArray x) {
        int frames = Math.toIntExact(x.getShape().get(2));
        return forward(x, 0, fullLength(frames));
    }

    /**
     * A window of the full output.
     *
     * @param x      input {@code (B, in, T)}
     * @param from   first output sample kept
     * @param length number of output samples kept ({@code from + length <= (T - 1) * s + k})
     * @return {@code (B, out, length)}, attached to {@code x}'s manager
     */
    public NDArray forward(NDArray x, int from, int length) {
        return forward(x, phaseWeight, phaseBias, stride, kernel, from, length);
    }
}
