package io.voxtok.nn;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Fresh weights for training from scratch: every weight and bias {@code U(+-1/sqrt(fan_in))} with the fan-in of the
 * layer's weight ({@code in * k} for a convolution, {@code in} for a linear layer; PyTorch's default for
 * {@code nn.Conv1d} and {@code nn.Linear}). Each tensor draws from a generator seeded by the run seed and its key,
 * so the values do not depend on creation order. Deterministic for a seed.
 */
public final class FanInUniformInitializer implements ParameterLoader.Initializer {
    private final long seed;
    private final Map<String, Long> fanInByLayer = new HashMap<>();

    /** @param seed the run seed */
    public FanInUniformInitializer(long seed) {
        this.seed = seed;
    }

    @Override
    public float[] values(String key, long[] shape) {
        int n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, Math.toIntExact(d));
        }
        String layer = key.substring(0, key.lastIndexOf('.') + 1);
        long fanIn;
        if (key.endsWith("bias")) {
            Long f = fanInByLayer.get(layer);
            if (f == null) {
                throw new IllegalStateException("bias " + key + " requested before its layer's weight");
            }
            fanIn = f;
        } else {
            fanIn = shape.length >= 2 ? shape[1] : shape[0];
            for (int i = 2; i < shape.length; i++) {
                fanIn *= shape[i];
            }
            fanInByLayer.put(layer, fanIn);
        }
        double bound = 1 / Math.sqrt(fanIn);
        SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ key.hashCode());
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) ((rnd.nextDouble() * 2 - 1) * bound);
        }
        return v;
    }
}
