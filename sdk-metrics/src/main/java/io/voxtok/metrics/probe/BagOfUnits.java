package io.voxtok.metrics.probe;

/**
 * Utterance feature from discrete tokens: the concatenation, over a {@link LayerGroup}'s layers, of each layer's
 * code histogram normalised to sum to 1. Normalising removes the utterance length, so the feature says which codes
 * were used, not how long the utterance is.
 */
public final class BagOfUnits {
    private BagOfUnits() {
    }

    /**
     * The feature of one utterance.
     *
     * @param codes        {@code [layer][frame]} codes, layer 0 being RVQ-1
     * @param group        layers to use (must exist in {@code codes})
     * @param codebookSize codes per layer
     */
    public static double[] of(int[][] codes, LayerGroup group, int codebookSize) {
        if (group.last() > codes.length) {
            throw new IllegalArgumentException("layer group " + group.label() + " needs " + group.last()
                    + " layers, the tokens have " + codes.length);
        }
        double[] out = new double[group.size() * codebookSize];
        for (int l = group.first() - 1, k = 0; l < group.last(); l++, k++) {
            int[] row = codes[l];
            for (int c : row) {
                out[k * codebookSize + c] += 1.0 / row.length;
            }
        }
        return out;
    }
}
