package io.voxtok.api.token;

/**
 * How a segmented tokenizer cuts its input into windows that it codes independently, and how the windows' tokens
 * and decoded audio fit together (EnCodec 48 kHz: 1 s windows every 0.99 s, {@code new Segmentation(48000, 47520)}).
 * Since SPI 1.2.0. Immutable and thread-safe.
 *
 * <p><b>Encoding.</b> For {@code L} input samples there are {@code n = ceil(L / stride)} windows; window {@code k}
 * starts at sample {@code k * stride} and holds {@code len_k = min(L, k * stride + length) - k * stride} samples (the
 * last ones are shorter). Each window is coded on its own into {@code ceil(len_k / hopLength)} frames, and a token
 * sequence is the windows' frames one after the other, so it has {@link #framesFor(int, int)} frames: more than
 * {@code ceil(L / hopLength)} as soon as windows overlap, because overlapping samples are coded once per window.
 *
 * <p><b>Decoding.</b> Window {@code k} decodes to {@code frames_k * hopLength} samples placed at {@code k * stride}
 * and overlapping windows are cross-faded; the result ends where the furthest-reaching window ends,
 * {@link #decodedLength(int[], int)} = {@code max_k(k * stride + frames_k * hopLength)} samples, which is at least
 * {@code L} and less than {@code L + hopLength}. (EnCodec's official decoder takes the last window's end instead; it
 * is the same number except where a shorter last window ends before the one before it, the lengths for which the
 * official code fails.)
 *
 * @param length samples per window
 * @param stride samples between the starts of consecutive windows, {@code 1 <= stride <= length}
 */
public record Segmentation(int length, int stride) {
    /** Validates. */
    public Segmentation {
        if (length <= 0 || stride <= 0 || stride > length) {
            throw new IllegalArgumentException("invalid segmentation: windows of " + length + " samples every "
                    + stride + " (need 1 <= stride <= length)");
        }
    }

    /** Samples where consecutive windows overlap, {@code length - stride}. */
    public int overlap() {
        return length - stride;
    }

    /** Number of windows of {@code samples} input samples, {@code ceil(samples / stride)} (0 for none). */
    public int windowsFor(int samples) {
        requireNonNegative(samples);
        return (int) (((long) samples + stride - 1) / stride);
    }

    /**
     * Frames of each window of {@code samples} input samples, {@code ceil(len_k / hopLength)}, in window order.
     *
     * @throws IllegalArgumentException for negative {@code samples} or a non-positive hop
     */
    public int[] windowFrames(int samples, int hopLength) {
        requireNonNegative(samples);
        requirePositiveHop(hopLength);
        int[] out = new int[windowsFor(samples)];
        for (int k = 0; k < out.length; k++) {
            long start = (long) k * stride;
            long len = Math.min(samples, start + length) - start;
            out[k] = (int) ((len + hopLength - 1) / hopLength);
        }
        return out;
    }

    /** Token frames of {@code samples} input samples: the sum of {@link #windowFrames(int, int)}. */
    public int framesFor(int samples, int hopLength) {
        long total = 0;
        for (int f : windowFrames(samples, hopLength)) {
            total += f;
        }
        return Math.toIntExact(total);
    }

    /**
     * Samples the decoding of windows with these frame counts returns: {@code max_k(k * stride + frames_k *
     * hopLength)}, 0 for no window.
     */
    public long decodedLength(int[] windowFrames, int hopLength) {
        requirePositiveHop(hopLength);
        long end = 0;
        for (int k = 0; k < windowFrames.length; k++) {
            end = Math.max(end, (long) k * stride + (long) windowFrames[k] * hopLength);
        }
        return end;
    }

    private static void requireNonNegative(int samples) {
        if (samples < 0) {
            throw new IllegalArgumentException("negative number of samples: " + samples);
        }
    }

    private static void requirePositiveHop(int hopLength) {
        if (hopLength <= 0) {
            throw new IllegalArgumentException("hop length must be positive: " + hopLength);
        }
    }
}
