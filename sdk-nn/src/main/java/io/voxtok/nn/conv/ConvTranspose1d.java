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
 * {@code M - 1} frames on both sides (taps reversed, taps past {@code k} zero), then interleaved. The weight is
 * rearranged once, at construction.
 *
 * <p>{@link #forward} returns a window {@code [from, from + length)} of the full output
 * {@code (T - 1) * s + k}, so the SEANet trimming costs nothing extra. Immutable and thread-safe.
 */
public final class ConvTranspose1d {
    private final NDArray phaseWeight;
    private final NDArray phaseBias;
    private final int inChannels;
    private final int outChannels;
    private final int kernel;
    private final int stride;
    private final int taps;
    private final Shape unitShape = new Shape(1);
    private final Shape zeroPadding = new Shape(0);

    /**
     * @param manager manager that owns the rearranged weights
     * @param weight  PyTorch layout {@code [in, out, k]} (weight norm folded); read once, not retained
     * @param bias    {@code [out]} or {@code null}
     * @param stride  stride
     */
    public ConvTranspose1d(NDManager manager, NDArray weight, NDArray bias, int stride) {
        Shape ws = weight.getShape();
        if (ws.dimension() != 3) {
            throw new IllegalArgumentException("conv_transpose1d weight must be [in, out, k], got " + ws);
        }
        if (stride < 1) {
            throw new IllegalArgumentException("stride must be >= 1, got " + stride);
        }
        this.inChannels = Math.toIntExact(ws.get(0));
        this.outChannels = Math.toIntExact(ws.get(1));
        this.kernel = Math.toIntExact(ws.get(2));
        this.stride = stride;
        this.taps = ConvGeometry.ceilDiv(kernel, stride);
        float[] w = weight.toFloatArray();
        float[] pw = new float[stride * outChannels * inChannels * taps];
        for (int r = 0; r < stride; r++) {
            for (int o = 0; o < outChannels; o++) {
                for (int i = 0; i < inChannels; i++) {
                    int dst = ((r * outChannels + o) * inChannels + i) * taps;
                    int src = (i * outChannels + o) * kernel;
                    for (int j = 0; j < taps; j++) {
                        int tap = r + (taps - 1 - j) * stride;
                        pw[dst + j] = tap < kernel ? w[src + tap] : 0f;
                    }
                }
            }
        }
        this.phaseWeight = manager.create(pw, new Shape(stride * outChannels, inChannels, taps));
        if (bias != null) {
            float[] b = bias.toFloatArray();
            float[] pb = new float[stride * outChannels];
            for (int r = 0; r < stride; r++) {
                System.arraycopy(b, 0, pb, r * outChannels, outChannels);
            }
            this.phaseBias = manager.create(pb, new Shape(stride * outChannels));
        } else {
            this.phaseBias = null;
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
        Shape xs = x.getShape();
        if (xs.dimension() != 3 || xs.get(1) != inChannels) {
            throw new IllegalArgumentException("conv_transpose1d expects (B, " + inChannels + ", T), got " + xs);
        }
        int batch = Math.toIntExact(xs.get(0));
        int frames = Math.toIntExact(xs.get(2));
        if (from < 0 || from + length > fullLength(frames)) {
            throw new IllegalArgumentException("window [" + from + ", " + (from + length) + ") outside the "
                    + fullLength(frames) + " output samples");
        }
        int q = frames + taps - 1;
        try (NDArray padded = Padding1d.pad(x, taps - 1, taps - 1, PaddingMode.ZERO);
             NDArray phases = padded.getNDArrayInternal()
                     .convolution(padded, phaseWeight, phaseBias, unitShape, zeroPadding, unitShape, 1)
                     .singletonOrThrow();
             NDArray split = phases.reshape(batch, stride, outChannels, q);
             NDArray ordered = split.transpose(0, 2, 3, 1);
             NDArray interleaved = ordered.reshape(batch, outChannels, (long) q * stride)) {
            return interleaved.get(new NDIndex("..., {}:{}", from, from + length));
        }
    }
}
