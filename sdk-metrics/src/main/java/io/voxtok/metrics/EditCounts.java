package io.voxtok.metrics;

/**
 * Minimum-edit (Levenshtein) alignment counts of a hypothesis against a reference.
 *
 * @param substitutions   substituted units
 * @param deletions       reference units missing from the hypothesis
 * @param insertions      extra hypothesis units
 * @param referenceLength units in the reference
 */
public record EditCounts(long substitutions, long deletions, long insertions, long referenceLength) {
    /** No edits, empty reference. */
    public static final EditCounts ZERO = new EditCounts(0, 0, 0, 0);

    /** Total edits S + D + I. */
    public long errors() {
        return substitutions + deletions + insertions;
    }

    /** Sum of two counts (corpus-level rates sum counts, they do not average rates). */
    public EditCounts plus(EditCounts o) {
        return new EditCounts(substitutions + o.substitutions, deletions + o.deletions, insertions + o.insertions,
                referenceLength + o.referenceLength);
    }

    /** Aligns two unit sequences; among equal-cost alignments substitutions are preferred over deletion+insertion. */
    public static <T> EditCounts align(java.util.List<T> ref, java.util.List<T> hyp) {
        int n = ref.size();
        int m = hyp.size();
        // cost[j] with tie-breaking triples (cost, subs, dels) kept per cell to report S/D/I.
        long[][] cost = new long[n + 1][m + 1];
        long[][] subs = new long[n + 1][m + 1];
        long[][] dels = new long[n + 1][m + 1];
        for (int i = 1; i <= n; i++) {
            cost[i][0] = i;
            dels[i][0] = i;
        }
        for (int j = 1; j <= m; j++) {
            cost[0][j] = j;
        }
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                boolean same = ref.get(i - 1).equals(hyp.get(j - 1));
                long diag = cost[i - 1][j - 1] + (same ? 0 : 1);
                long del = cost[i - 1][j] + 1;
                long ins = cost[i][j - 1] + 1;
                if (diag <= del && diag <= ins) {
                    cost[i][j] = diag;
                    subs[i][j] = subs[i - 1][j - 1] + (same ? 0 : 1);
                    dels[i][j] = dels[i - 1][j - 1];
                } else if (del <= ins) {
                    cost[i][j] = del;
                    subs[i][j] = subs[i - 1][j];
                    dels[i][j] = dels[i - 1][j] + 1;
                } else {
                    cost[i][j] = ins;
                    subs[i][j] = subs[i][j - 1];
                    dels[i][j] = dels[i][j - 1];
                }
            }
        }
        long s = subs[n][m];
        long d = dels[n][m];
        return new EditCounts(s, d, cost[n][m] - s - d, n);
    }
}
