package io.voxtok.nn.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * A strided {@code conv1d} whose kernel is a multiple of its stride, run as a stride-1 convolution over the
 * input's {@code s} phases stacked as channels (the mirror of {@link ConvTranspose1d}'s polyphase form).
 *
 * <p>With stride {@code s}, kernel {@code k = m s} and an input of {@code L = M s} samples, output frame
 * {@code n} is {@code sum_{c, j, r} w[o, c, j s + r] x[c, (n + j) s + r]}: a stride-1 convolution with
 * kernel {@code m} over {@code X'[r C + c, q] = x[c, q s + r]} ({@code s C} channels, {@code M} columns)
 * with {@code W'[o, r C + c, j] = w[o, c, j s + r]}, giving {@code M - m + 1 = (L - k) / s + 1} frames, the
 * strided convolution's count. Why: oneDNN runs SEANet's wider downsampling convolutions (kernel
 * {@code 2 s}) 10-25 % faster in this form (wider reduction, unit stride), and the rearrangement of the input
 * is one 2-D transpose per item ({@code (C M, s)} to {@code (s, C M)}), a copy of the input. The sums are the
 * same products added in another order, so results differ from the strided call by float rounding only.
 */
public final class PolyphaseConv1d {
    private static final Shape UNIT = new Shape(1);
    private static final Shape ZERO_PADDING = new Shape(0);

    private PolyphaseConv1d() {
    }

    /**
     * Fewest stacked input channels ({@code stride * in}) for which the polyphase form is used. Measured inside
     * EnCodec's 24 kHz encoder, one thread, AMD EPYC (Zen 4): 32 channels at stride 2 (64 stacked) ran 35 ms
     * directly and 50 ms in polyphase form, 64 at stride 4 (256) about the same either way, 128 at stride 5
     * (640) 53 against 43 ms, 256 at stride 8 (2048) 35 against 33 ms. The rearrangement copies the whole
     * input, which costs most where the input is long and narrow and the reduction gains least.
     */
    public static final int MIN_STACKED_CHANNELS = 512;

    /**
     * Whether a convolution runs in polyphase form: stride above 1, kernel a multiple of it, no dilation or
     * groups, and at least {@link #MIN_STACKED_CHANNELS} stacked input channels.
     */
    public static boolean applies(int inChannels, int kernel, int stride, int dilation, int groups) {
        return stride > 1 && kernel % stride == 0 && dilation == 1 && groups == 1
                && (long) stride * inChannels >= MIN_STACKED_CHANNELS;
    }

    /**
     * The rearranged weight {@code W'[o, r C + c, j] = w[o, c, j s + r]}.
     *
     * @param weight {@code [out, in, k]}, {@code k} a multiple of {@code stride}; not modified
     * @return {@code [out, stride * in, k / stride]}, attached to {@code weight}'s manager
     */
    public static NDArray weight(NDArray weight, int stride) {
        Shape s = weight.getShape();
        long out = s.get(0);
        long in = s.get(1);
        long taps = s.get(2) / stride;
        try (NDArray split = weight.reshape(out, in, taps, stride);
             NDArray phases = split.transpose(0, 3, 1, 2)) {
            return phases.reshape(out, stride * in, taps);
        }
    }

    /**
     * Whether an input of {@code length} samples maps onto whole phases: {@code length} a multiple of the stride.
     * (SEANet's extra padding makes {@code length - k} a multiple of it, and so {@code length} too.)
     */
    public static boolean fits(long length, int stride) {
        return length % stride == 0;
    }

    /**
     * The strided convolution's output.
     *
     * @param x           {@code (B, in, L)} with {@link #fits} true, already padded; not modified
     * @param phaseWeight {@link #weight} of the convolution's weight
     * @param bias        {@code [out]} or {@code null}
     * @param stride      stride
     * @return {@code (B, out, (L - k) / s + 1)}, attached to {@code x}'s manager
     */
    public static NDArray forward(NDArray x, NDArray phaseWeight, NDArray bias, int stride) {
        Shape s = x.getShape();
        long batch = s.get(0);
        long channels = s.get(1);
        long columns = s.get(2) / stride;
        // the reshape of the transposed view cannot be a view: it is the one copy, contiguous
        try (NDArray rows = x.reshape(batch, channels * columns, stride);
             NDArray byPhase = rows.transpose(0, 2, 1);
             NDArray stacked = byPhase.reshape(batch, stride * channels, columns)) {
            return stacked.getNDArrayInternal()
                    .convolution(stacked, phaseWeight, bias, UNIT, ZERO_PADDING, UNIT, 1)
                    .singletonOrThrow();
        }
    }
}
