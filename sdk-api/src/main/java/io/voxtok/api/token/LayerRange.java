package io.voxtok.api.token;

/**
 * A half-open range {@code [start, end)} of RVQ layers (0-based). RVQ-1, the semantic layer of
 * SpeechTokenizer, is {@code LayerRange.of(0, 1)}; the official {@code encode(x, n_q, st)} is
 * {@code LayerRange.of(st, n_q)}. Immutable.
 *
 * @param start first layer, inclusive
 * @param end   last layer, exclusive
 */
public record LayerRange(int start, int end) {
    /** Validates. */
    public LayerRange {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("invalid layer range [" + start + ", " + end + ")");
        }
    }

    /** {@code [start, end)}. */
    public static LayerRange of(int start, int end) {
        return new LayerRange(start, end);
    }

    /** The first {@code n} layers. */
    public static LayerRange first(int n) {
        return new LayerRange(0, n);
    }

    /** Number of layers. */
    public int size() {
        return end - start;
    }

    /**
     * Parses a 1-based inclusive range as users write it: {@code "2:8"} is RVQ-2..8 = {@code [1, 8)},
     * {@code "1"} is RVQ-1.
     */
    public static LayerRange parseOneBased(String text) {
        try {
            int i = text.indexOf(':');
            if (i < 0) {
                int l = Integer.parseInt(text.trim());
                return new LayerRange(l - 1, l);
            }
            return new LayerRange(Integer.parseInt(text.substring(0, i).trim()) - 1,
                    Integer.parseInt(text.substring(i + 1).trim()));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("layer range '" + text + "' is not N or A:B (1-based, inclusive)", e);
        }
    }

    @Override
    public String toString() {
        return "[" + start + "," + end + ")";
    }
}
