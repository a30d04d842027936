package io.voxtok.plugin.encodec.model;

/**
 * One encoded segment, the official {@code EncodedFrame = (codes, scale)}: codes {@code [codebook][frame]} and
 * the loudness scale the decoder multiplies back ({@code null} when the model does not normalise). Immutable.
 *
 * @param codes codes {@code [K][T]} (not copied; treat as read-only)
 * @param scale the segment's scale, or {@code null}
 */
public record EncodedFrame(int[][] codes, Float scale) {
    /** Number of codebooks. */
    public int codebooks() {
        return codes.length;
    }

    /** Number of frames. */
    public int frames() {
        return codes.length == 0 ? 0 : codes[0].length;
    }
}
