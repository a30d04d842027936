package io.voxtok.training.discriminator;

/**
 * Size of a {@link MultiScaleDiscriminator}.
 *
 * @param scales       number of sub-discriminators (official: 3); sub-discriminator {@code i} sees the audio
 *                     average-pooled {@code i} times, the first one is spectral-normed, the others weight-normed
 * @param widthDivisor every official channel count (128 ... 1024) is divided by this (official: 1); must leave
 *                     channel counts divisible by the official groups (4 and 16): 1, 2, 4 or 8
 */
public record MultiScaleConfig(int scales, int widthDivisor) {
    /** Validates. */
    public MultiScaleConfig {
        if (scales < 1) {
            throw new IllegalArgumentException("scales must be positive: " + scales);
        }
        ScaleDiscriminator.checkWidth(widthDivisor);
    }

    /** The trainer's {@code MultiScaleDiscriminator()}: 3 scales, official widths. */
    public static MultiScaleConfig official() {
        return new MultiScaleConfig(3, 1);
    }

    /** The same scales with channel counts divided by {@code divisor}. */
    public MultiScaleConfig withWidthDivisor(int divisor) {
        return new MultiScaleConfig(scales, divisor);
    }
}
