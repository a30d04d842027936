package io.voxtok.plugin.speechtokenizer.model;

/**
 * Codes of a batch.
 *
 * @param firstLayer  index of the first RVQ codebook in {@code codes} ({@code st})
 * @param codes       {@code [layer][item][frame]}, values in {@code [0, codebook_size)}; in
 *                    {@link BatchMode#PER_ITEM} item {@code b} has {@code validFrames[b]} frames, in
 *                    {@link BatchMode#PADDED} every item has the frames of the longest one
 * @param validFrames frames that cover each item's own samples, {@code ceil(L_b / hop)}
 */
public record EncodedBatch(int firstLayer, int[][][] codes, int[] validFrames) {
    /** Number of codebooks. */
    public int numLayers() {
        return codes.length;
    }

    /** Number of items. */
    public int numItems() {
        return validFrames.length;
    }

    /** Codes of one item, {@code [layer][frame]}, cut to its valid frames. */
    public int[][] item(int b) {
        int[][] out = new int[codes.length][];
        for (int k = 0; k < codes.length; k++) {
            out[k] = java.util.Arrays.copyOf(codes[k][b], validFrames[b]);
        }
        return out;
    }
}
