package io.voxtok.plugin.slmtokbench.alignment;

/**
 * Best-path CTC decoding: the most probable class per frame, repeats collapsed, blanks dropped
 * ({@code a a - a b b -> a a b}). Stateless.
 */
public final class GreedyCtcDecoder {
    private GreedyCtcDecoder() {
    }

    /**
     * @param logProbs {@code [T][C]} scores of one utterance's valid frames (any monotone transform of probabilities)
     * @param blank    the blank class
     * @return the decoded class ids
     */
    public static int[] decode(float[][] logProbs, int blank) {
        int[] best = new int[logProbs.length];
        for (int t = 0; t < logProbs.length; t++) {
            int arg = 0;
            for (int c = 1; c < logProbs[t].length; c++) {
                if (logProbs[t][c] > logProbs[t][arg]) {
                    arg = c;
                }
            }
            best[t] = arg;
        }
        return collapse(best, blank);
    }

    /** Collapses runs of equal ids and drops blanks. */
    public static int[] collapse(int[] path, int blank) {
        int[] out = new int[path.length];
        int k = 0;
        int previous = -1;
        for (int c : path) {
            if (c != previous && c != blank) {
                out[k++] = c;
            }
            previous = c;
        }
        return java.util.Arrays.copyOf(out, k);
    }
}
