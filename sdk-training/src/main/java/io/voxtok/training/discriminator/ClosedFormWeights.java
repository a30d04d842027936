package io.voxtok.training.discriminator;

import ai.djl.ndarray.NDArray;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The closed-form initial weights of the SpeechTokenizer training parity fixture (its README, "Discriminator
 * weights"): every tensor is a function of (seed, key, flat index), so official-size discriminators can be
 * regenerated bit-exactly without storing them.
 *
 * <pre>
 * base = (seed &lt;&lt; 32) | crc32(utf8(family + "." + key))
 * z_i  = SplitMix64 output i + 1 of state base;  k_i = z_i &gt;&gt;&gt; 40;  u_i = (2 k_i + 1 - 2^24) / 2^24
 * value = fl32(fl32(u_i * a) + b)
 * </pre>
 *
 * with, per {@code fan_in = weight.shape[1] * prod(weight.shape[2:])}: weight-normed {@code weight_v}
 * {@code a = 1/sqrt(fan_in)}, {@code weight_g} {@code a = 0.35, b = 1.4}; spectral-normed {@code weight_orig}
 * {@code a = 1/sqrt(fan_in)}, {@code weight_u/weight_v} {@code a = 1} (stored unnormalised); plain {@code weight}
 * {@code a = sqrt(6/fan_in)}; every bias {@code a = 0.1/sqrt(fan_in)}; {@code b = 0} unless stated; STFT windows
 * stay the Hann windows they were built with.
 */
public final class ClosedFormWeights {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final long MIX1 = 0xBF58476D1CE4E5B9L;
    private static final long MIX2 = 0x94D049BB133111EBL;

    private ClosedFormWeights() {
    }

    /**
     * The uniform numbers {@code u_i} in (-1, 1) (multiples of 2^-24) of one key.
     *
     * @param seed  the seed (its low 32 bits are used)
     * @param name  the full name hashed with CRC-32, e.g. {@code mpd.discriminators.0.convs.0.weight_v}
     * @param numel how many
     */
    public static float[] uniform(long seed, String name, int numel) {
        long base = stateOf(seed, name);
        float[] out = new float[numel];
        for (int i = 0; i < numel; i++) {
            out[i] = toUniform(splitMix(base, i));
        }
        return out;
    }

    /** {@code fl32(fl32(u_i * a) + b)} for {@code i < numel}. */
    public static float[] values(long seed, String name, int numel, float a, float b) {
        long base = stateOf(seed, name);
        float[] out = new float[numel];
        for (int i = 0; i < numel; i++) {
            float scaled = toUniform(splitMix(base, i)) * a; // Java float arithmetic: rounded, never fused
            out[i] = scaled + b;
        }
        return out;
    }

    /**
     * The {@code (a, b)} of the fixture's rule for one tensor.
     *
     * @return {@code {a, b}} as float32, {@code null} for the window (not generated)
     */
    static float[] scale(DiscriminatorTensors.Role role, long fanIn) {
        double inv = 1.0 / Math.sqrt(fanIn);
        return switch (role) {
            case BIAS -> new float[] {(float) (0.1 / Math.sqrt(fanIn)), 0f};
            case WEIGHT_V, WEIGHT_ORIG -> new float[] {(float) inv, 0f};
            case WEIGHT_G -> new float[] {0.35f, 1.4f};
            case SN_U, SN_V -> new float[] {1f, 0f};
            case WEIGHT -> new float[] {(float) Math.sqrt(6.0 / fanIn), 0f};
            case WINDOW -> null;
        };
    }

    /** Fills a family's tensors with the rule, one tensor at a time; windows stay as constructed. */
    static void apply(DiscriminatorFamily family, long seed) {
        Map<String, NDArray> stateDict = family.stateDict();
        for (DiscriminatorTensors.Spec s : DiscriminatorTensors.describe(stateDict)) {
            float[] ab = scale(s.role(), s.fanIn());
            if (ab != null) {
                DiscriminatorTensors.assign(stateDict.get(s.key()),
                        values(seed, family.family() + "." + s.key(), s.numel(), ab[0], ab[1]));
            }
        }
    }

    private static long stateOf(long seed, String name) {
        CRC32 crc = new CRC32();
        crc.update(name.getBytes(StandardCharsets.UTF_8));
        return ((seed & 0xFFFFFFFFL) << 32) | crc.getValue();
    }

    private static long splitMix(long base, long i) {
        long z = base + (i + 1) * GOLDEN;
        z = (z ^ (z >>> 30)) * MIX1;
        z = (z ^ (z >>> 27)) * MIX2;
        return z ^ (z >>> 31);
    }

    private static float toUniform(long z) {
        long k = z >>> 40;
        return (2 * k + 1 - (1L << 24)) * 0x1p-24f; // exact: |numerator| < 2^24
    }
}
