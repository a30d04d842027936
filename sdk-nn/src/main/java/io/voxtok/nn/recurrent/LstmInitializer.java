package io.voxtok.nn.recurrent;

import io.voxtok.nn.ParameterLoader;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * {@code nn.LSTM}'s default initialisation for training from scratch: every weight and bias drawn from
 * {@code U(-1/sqrt(H), 1/sqrt(H))}, {@code H} the hidden size. Each tensor draws from its own generator seeded from
 * the run seed and the tensor's key, so values do not depend on the order tensors are created in; deterministic for a
 * seed (the values are not torch's: torch's generator is not reproduced). Use with
 * {@link ParameterLoader#initializing} and {@link Lstm#load}, or {@link Lstm#initialized}.
 */
public final class LstmInitializer implements ParameterLoader.Initializer {
    private final int hiddenSize;
    private final long seed;

    /**
     * @param hiddenSize the LSTM hidden size {@code H}
     * @param seed       the run seed
     */
    public LstmInitializer(int hiddenSize, long seed) {
        if (hiddenSize < 1) {
            throw new IllegalArgumentException("hidden size must be >= 1, got " + hiddenSize);
        }
        this.hiddenSize = hiddenSize;
        this.seed = seed;
    }

    /** The bound {@code 1/sqrt(H)}. */
    public double bound() {
        return 1 / Math.sqrt(hiddenSize);
    }

    @Override
    public float[] values(String key, long[] shape) {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        SplittableRandom rnd = new SplittableRandom(seed ^ keyHash(key));
        double bound = bound();
        float[] v = new float[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((rnd.nextDouble() * 2 - 1) * bound);
        }
        return v;
    }

    /** A 64-bit FNV-1a hash of the key (String.hashCode's 32 bits collide too easily across keys). */
    static long keyHash(String key) {
        long h = 0xcbf29ce484222325L;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
