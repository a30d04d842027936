package io.voxtok.training.data;

/**
 * The SplitMix64 generator (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", OOPSLA
 * 2014), written out here so that batch order never depends on a JDK's implementation: the state advances by the
 * golden-ratio gamma {@code 0x9E3779B97F4A7C15} and each output is the state run through the "variant 13"
 * finaliser. {@link #nextLong()} returns exactly what {@code new java.util.SplittableRandom(seed).nextLong()}
 * returns (a test checks this), and is easy to reproduce in Python with 64-bit masking.
 *
 * <p>Not thread-safe; one instance per stream.
 */
public final class SplitMix64 {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private long state;

    /** A stream starting from {@code seed}. */
    public SplitMix64(long seed) {
        this.state = seed;
    }

    /** The SplitMix64 finaliser (Stafford's variant 13): a bijective 64-bit mix. */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * A seed for sub-stream {@code index} of {@code seed}: {@code mix64(mix64(seed) + GAMMA * (index + 1))}, so
     * neighbouring seeds and neighbouring indices give unrelated streams.
     */
    public static long derive(long seed, long index) {
        return mix64(mix64(seed) + GOLDEN_GAMMA * (index + 1));
    }

    /** The next 64 random bits. */
    public long nextLong() {
        state += GOLDEN_GAMMA;
        return mix64(state);
    }

    /** Uniform in [0, 1): the top 53 bits of {@link #nextLong()} times 2^-53. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /**
     * Uniform in [0, bound), without modulo bias: draws the top 31 bits {@code r} and rejects draws in the
     * incomplete last block ({@code r - r % bound + bound - 1 > 2^31 - 1}).
     */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        while (true) {
            int r = (int) (nextLong() >>> 33);
            int v = r % bound;
            if (r - v + (bound - 1) >= 0) { // no int overflow: r lies in a complete block
                return v;
            }
        }
    }
}
