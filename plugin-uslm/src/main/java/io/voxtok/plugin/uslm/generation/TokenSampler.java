package io.voxtok.plugin.uslm.generation;

import java.util.Arrays;
import java.util.Random;

/**
 * The official {@code topk_sampling}: {@code logits / temperature} (when not 1), top-k filtering (when k > 0), top-p
 * filtering (when p < 1; the most likely token is always kept), softmax, one multinomial draw. The draw uses a
 * {@link Random} seeded once, so a seed gives the same tokens on every run (Python's and Java's generators differ, so
 * sampled tokens differ from the official ones; {@code top_k = 1} is deterministic and equal to the argmax).
 * Stateful, not thread-safe: one per generation.
 */
public final class TokenSampler {
    private final int topK;
    private final float topP;
    private final float temperature;
    private final Random rng;

    /**
     * @param topK        keep the k largest logits; {@code <= 0} keeps all (the official default {@code -100})
     * @param topP        nucleus mass in (0, 1]
     * @param temperature {@code > 0}
     * @param seed        seed of the draw
     */
    public TokenSampler(int topK, float topP, float temperature, long seed) {
        if (!(temperature > 0) || !(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("invalid sampling: temperature " + temperature + ", top-p " + topP);
        }
        this.topK = topK;
        this.topP = topP;
        this.temperature = temperature;
        this.rng = new Random(seed);
    }

    /** Samples one class from raw logits (not modified). */
    public int sample(float[] rawLogits) {
        float[] logits = rawLogits.clone();
        int n = logits.length;
        if (temperature != 1f) {
            for (int i = 0; i < n; i++) {
                logits[i] = logits[i] / temperature;
            }
        }
        if (topK > 0 && topK < n) {
            float[] sorted = logits.clone();
            Arrays.sort(sorted);
            float kth = sorted[n - topK];
            for (int i = 0; i < n; i++) {
                if (logits[i] < kth) {
                    logits[i] = Float.NEGATIVE_INFINITY;
                }
            }
        }
        if (topP < 1f) {
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            final float[] l = logits;
            Arrays.sort(order, (a, b) -> Float.compare(l[b], l[a]));
            double[] p = softmax(logits, order);
            double cum = 0;
            boolean removePrev = false;
            for (int r = 0; r < n; r++) {
                cum += p[r];
                boolean remove = r > 0 && removePrev;
                removePrev = cum > topP;
                if (remove) {
                    logits[order[r]] = Float.NEGATIVE_INFINITY;
                }
            }
        }
        double[] probs = softmax(logits, null);
        double u = rng.nextDouble();
        double cum = 0;
        int last = -1;
        for (int i = 0; i < n; i++) {
            if (probs[i] > 0) {
                cum += probs[i];
                last = i;
                if (u < cum) {
                    return i;
                }
            }
        }
        return last;
    }

    /** Index of the largest logit (the first one on ties). */
    public static int argmax(float[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }

    private static double[] softmax(float[] logits, Integer[] order) {
        int n = logits.length;
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double[] p = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            float v = logits[order == null ? i : order[i]];
            p[i] = v == Float.NEGATIVE_INFINITY ? 0 : Math.exp(v - max);
            sum += p[i];
        }
        for (int i = 0; i < n; i++) {
            p[i] /= sum;
        }
        return p;
    }
}
