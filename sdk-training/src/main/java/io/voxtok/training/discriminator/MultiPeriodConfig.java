package io.voxtok.training.discriminator;

import java.util.List;

/**
 * Size of a {@link MultiPeriodDiscriminator}.
 *
 * @param periods      one sub-discriminator per period, in order (official: 2, 3, 5, 7, 11)
 * @param widthDivisor every official channel count (32, 128, 512, 1024, 1024) is divided by this (official: 1)
 */
public record MultiPeriodConfig(List<Integer> periods, int widthDivisor) {
    /** Validates and copies. */
    public MultiPeriodConfig {
        periods = List.copyOf(periods);
        if (periods.isEmpty() || periods.stream().anyMatch(p -> p < 1)) {
            throw new IllegalArgumentException("periods must be positive and not empty: " + periods);
        }
        for (int c : new int[] {32, 128, 512, 1024}) {
            Widths.divide(c, widthDivisor);
        }
    }

    /** The trainer's {@code MultiPeriodDiscriminator()}: periods 2, 3, 5, 7, 11, official widths. */
    public static MultiPeriodConfig official() {
        return new MultiPeriodConfig(List.of(2, 3, 5, 7, 11), 1);
    }

    /** The same periods with channel counts divided by {@code divisor}. */
    public MultiPeriodConfig withWidthDivisor(int divisor) {
        return new MultiPeriodConfig(periods, divisor);
    }
}
