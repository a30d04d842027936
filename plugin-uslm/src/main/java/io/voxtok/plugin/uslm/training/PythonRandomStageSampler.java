package io.voxtok.plugin.uslm.training;

/**
 * Python's {@code random.Random(seed).choices(population, weights=[1/n]*n, k=1)[0]} reproduced bit for bit: MT19937
 * seeded by {@code init_by_array([seed])}, {@code random() = (a * 67108864 + b) / 2^53} with {@code a = next >>> 5},
 * {@code b = next >>> 6}, then {@code bisect_right(cum_weights, random() * total, 0, n - 1)} over the accumulated
 * float64 weights. With seed 0 this is the stream of a fresh official model (7, 6, 4, 3, 5, ...). Stateful, not
 * thread-safe.
 */
public final class PythonRandomStageSampler implements StageSampler {
    private static final int N = 624;
    private static final int M = 397;
    private final int[] mt = new int[N];
    private int mti;

    /** @param seed a non-negative seed below 2^32 (Python splits larger ones into several words; not needed here) */
    public PythonRandomStageSampler(long seed) {
        if (seed < 0 || seed > 0xffffffffL) {
            throw new IllegalArgumentException("seed must be in [0, 2^32), got " + seed);
        }
        initByArray(new int[] {(int) seed});
    }

    @Override
    public int choose(int[] population) {
        int n = population.length;
        double[] cum = new double[n];
        double acc = 0;
        double w = 1.0 / n;
        for (int i = 0; i < n; i++) {
            acc += w;
            cum[i] = acc;
        }
        double total = cum[n - 1] + 0.0;
        double r = random() * total;
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (r < cum[mid]) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return population[lo];
    }

    /** Python's {@code random()}: 53 random bits in [0, 1). */
    public double random() {
        long a = Integer.toUnsignedLong(next()) >>> 5;
        long b = Integer.toUnsignedLong(next()) >>> 6;
        return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
    }

    private void initGenrand(int s) {
        mt[0] = s;
        for (mti = 1; mti < N; mti++) {
            mt[mti] = 1812433253 * (mt[mti - 1] ^ (mt[mti - 1] >>> 30)) + mti;
        }
    }

    private void initByArray(int[] key) {
        initGenrand(19650218);
        int i = 1;
        int j = 0;
        for (int k = Math.max(N, key.length); k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + key[j] + j;
            i++;
            j++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if (j >= key.length) {
                j = 0;
            }
        }
        for (int k = N - 1; k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
            i++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x80000000;
    }

    private int next() {
        if (mti >= N) {
            int kk;
            for (kk = 0; kk < N - M; kk++) {
                int y = (mt[kk] & 0x80000000) | (mt[kk + 1] & 0x7fffffff);
                mt[kk] = mt[kk + M] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
            }
            for (; kk < N - 1; kk++) {
                int y = (mt[kk] & 0x80000000) | (mt[kk + 1] & 0x7fffffff);
                mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
            }
            int y = (mt[N - 1] & 0x80000000) | (mt[0] & 0x7fffffff);
            mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
            mti = 0;
        }
        int y = mt[mti++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }
}
