package io.voxtok.plugin.slmtokbench.alignment;

import java.util.SplittableRandom;

/**
 * Which transcripts are paired with each token sequence for the vCLUB negative term
 * {@code E_p(x)E_p(y)[log q(y|x)]}. With {@code perItem >= n}, every sequence is paired with all {@code n}
 * transcripts (its own included), which is the exact double sum of SPEC 7.2. Otherwise each sequence gets
 * {@code perItem} distinct transcripts drawn uniformly without replacement from all {@code n} (its own may be among
 * them, as in the double sum): an unbiased estimate of each row's mean. Deterministic for a seed.
 */
public final class NegativePairs {
    private NegativePairs() {
    }

    /**
     * @param n       number of (tokens, transcript) items
     * @param perItem transcripts per token sequence (>= 1)
     * @param seed    sampling seed (unused when every pair is taken)
     * @return {@code [n][min(perItem, n)]} transcript indices, ascending within a row
     */
    public static int[][] sample(int n, int perItem, long seed) {
        if (n < 1 || perItem < 1) {
            throw new IllegalArgumentException("need n >= 1 and perItem >= 1, got " + n + ", " + perItem);
        }
        int k = Math.min(perItem, n);
        SplittableRandom rnd = new SplittableRandom(seed);
        int[][] out = new int[n][];
        int[] pool = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                pool[j] = j;
            }
            // partial Fisher-Yates: the first k entries become a uniform k-subset
            for (int j = 0; j < k && k < n; j++) {
                int r = j + rnd.nextInt(n - j);
                int tmp = pool[j];
                pool[j] = pool[r];
                pool[r] = tmp;
            }
            out[i] = java.util.Arrays.copyOf(pool, k);
            java.util.Arrays.sort(out[i]);
        }
        return out;
    }
}
