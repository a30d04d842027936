package io.voxtok.nn.conv;

/**
 * The padding arithmetic of SEANet's streamable convolutions (SPEC 1.1 and 1.2), kept apart from the tensor
 * code so that it can be checked on its own.
 */
public final class ConvGeometry {
    private ConvGeometry() {
    }

    /** Effective kernel size {@code (k - 1) * d + 1}. */
    public static int effectiveKernel(int kernel, int dilation) {
        return (kernel - 1) * dilation + 1;
    }

    /** Fixed padding {@code P = k_eff - stride} of a streamable convolution. */
    public static int fixedPadding(int kernel, int stride, int dilation) {
        return effectiveKernel(kernel, dilation) - stride;
    }

    /**
     * Extra right padding {@code E} that makes the last window complete:
     * {@code n = (L - k_eff + P) / s + 1}, {@code E = (ceil(n) - 1) * s + k_eff - P - L}.
     * (EnCodec passes {@code k_eff}, SpeechTokenizer the raw {@code k}; both agree whenever the dilation or
     * the stride is 1, which covers every layer of both models.)
     */
    public static int extraPadding(int length, int kernel, int stride, int dilation) {
        int kEff = effectiveKernel(kernel, dilation);
        int p = kEff - stride;
        int frames = ceilDiv(length - kEff + p, stride) + 1;
        int ideal = (frames - 1) * stride + (kEff - p);
        return ideal - length;
    }

    /**
     * Left and right padding of a streamable convolution for an input of {@code length} samples:
     * non-causal {@code (P - P/2, P/2 + E)}, causal {@code (P, E)}.
     */
    public static int[] convPadding(int length, int kernel, int stride, int dilation, boolean causal) {
        int p = fixedPadding(kernel, stride, dilation);
        int extra = extraPadding(length, kernel, stride, dilation);
        if (causal) {
            return new int[] {p, extra};
        }
        int right = p / 2;
        return new int[] {p - right, right + extra};
    }

    /**
     * Samples removed from the left and right of a transposed convolution's full output,
     * {@code P = k - s}: causal removes {@code ceil(P * trimRightRatio)} from the right and the rest from the
     * left, non-causal removes {@code P / 2} from the right and {@code P - P / 2} from the left.
     */
    public static int[] transposedTrim(int kernel, int stride, boolean causal, double trimRightRatio) {
        int p = kernel - stride;
        int right = causal ? (int) Math.ceil(p * trimRightRatio) : p / 2;
        return new int[] {p - right, right};
    }

    /** {@code ceil(a / b)} for {@code b > 0} and any sign of {@code a}. */
    public static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }
}
