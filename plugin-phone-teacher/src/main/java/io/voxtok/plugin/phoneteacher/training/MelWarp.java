package io.voxtok.plugin.phoneteacher.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.voxtok.nn.NdArrays;

import java.util.SplittableRandom;

/**
 * Training augmentation against speaker mismatch: a random linear warp of the mel axis per crop (in the spirit of
 * vocal-tract-length perturbation), so that formant positions vary more than a few training voices allow. Output
 * band {@code m} reads input band position {@code m * alpha} by linear interpolation (clamped to the last band),
 * {@code alpha} uniform in {@code [1 - maxWarp, 1 + maxWarp]}. Applied as one batched matrix product to the
 * normalised log-mel frames; labels are unchanged since time is not touched. Immutable.
 */
public final class MelWarp {
    private final double maxWarp;

    /** @param maxWarp largest relative warp, in {@code [0, 0.5)}; 0 disables the augmentation */
    public MelWarp(double maxWarp) {
        if (!(maxWarp >= 0 && maxWarp < 0.5)) {
            throw new IllegalArgumentException("mel warp must be in [0, 0.5), got " + maxWarp);
        }
        this.maxWarp = maxWarp;
    }

    /** Whether the warp does anything. */
    public boolean enabled() {
        return maxWarp > 0;
    }

    /**
     * Warps {@code (B, n, T)} frames.
     *
     * @param rnd draws one factor per row (the caller seeds it from the run seed and step, so resumes repeat it)
     */
    public NDArray apply(NDArray frames, SplittableRandom rnd) {
        int b = Math.toIntExact(frames.getShape().get(0));
        int n = Math.toIntExact(frames.getShape().get(1));
        float[] w = new float[b * n * n];
        for (int i = 0; i < b; i++) {
            double alpha = 1 + maxWarp * (rnd.nextDouble() * 2 - 1);
            fill(w, i * n * n, n, alpha);
        }
        NDManager m = frames.getManager();
        // engine-owned: matMul keeps its factors for backward should the frames ever carry gradients
        try (NDArray matrix = NdArrays.engineOwned(m.create(w, new Shape(b, n, n)))) {
            return matrix.matMul(frames);
        }
    }

    /** Row {@code m} of the interpolation matrix at {@code offset}: weights on bands floor(m a) and the next. */
    static void fill(float[] w, int offset, int n, double alpha) {
        for (int row = 0; row < n; row++) {
            double p = Math.min(row * alpha, n - 1);
            int lo = (int) Math.floor(p);
            double frac = p - lo;
            w[offset + row * n + lo] += (float) (1 - frac);
            if (frac > 0) {
                w[offset + row * n + lo + 1] += (float) frac;
            }
        }
    }
}
