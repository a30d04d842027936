package io.voxtok.plugin.encodec.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.SplittableRandom;

/**
 * Seeded random weights of the right shapes, for speed measurements without a checkpoint (the arithmetic cost
 * does not depend on the values). Each tensor is drawn from its own generator seeded by the seed and the key, so
 * the values do not depend on build order. Scales follow PyTorch's default initialisation
 * ({@code U(-1/sqrt(fan_in), 1/sqrt(fan_in))}); group-norm scales are 1 and shifts 0; codebooks are
 * {@code N(0, 1)} as in SPEC 9's timing runs.
 */
public final class RandomWeights implements WeightSource {
    private final NDManager manager;
    private final long seed;

    /**
     * @param manager owner of the weights
     * @param seed    seed
     */
    public RandomWeights(NDManager manager, long seed) {
        this.manager = manager;
        this.seed = seed;
    }

    @Override
    public NDManager manager() {
        return manager;
    }

    @Override
    public NDArray tensor(String key, long... shape) {
        int n = Math.toIntExact(numel(shape));
        float[] v = new float[n];
        SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + key.hashCode());
        if (key.endsWith("norm.weight")) {
            java.util.Arrays.fill(v, 1f);
        } else if (key.endsWith("norm.bias")) {
            java.util.Arrays.fill(v, 0f);
        } else if (key.endsWith("embed")) {
            for (int i = 0; i < n; i++) {
                v[i] = (float) gaussian(rnd);
            }
        } else {
            long fanIn = key.contains("lstm") ? shape[0] / 4 : shape.length > 1 ? numel(shape) / shape[0] : shape[0];
            double bound = 1 / Math.sqrt(Math.max(1, fanIn));
            for (int i = 0; i < n; i++) {
                v[i] = (float) ((rnd.nextDouble() * 2 - 1) * bound);
            }
        }
        return manager.create(v, new Shape(shape));
    }

    @Override
    public NDArray weightNormed(String prefix, long... shape) {
        return tensor(prefix + "weight", shape);
    }

    @Override
    public void ignore(String... patterns) {
        // nothing to check
    }

    @Override
    public void finish() {
        // every tensor was generated on request
    }

    private static long numel(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    private static double gaussian(SplittableRandom rnd) {
        double u1 = rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
