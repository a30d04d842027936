package io.voxtok.training.optim;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * {@code cos(x)} rounded correctly to the nearest double, from a 60-digit evaluation. Java's {@code StrictMath.cos}
 * (fdlibm) differs by an ulp from glibc's {@code cos}, which Python's {@code math.cos} (and so torch's schedulers) use,
 * at ~4% of the arguments a cosine schedule needs; glibc is correctly rounded at all but ~0.1% of them, so this
 * reproduces Python's values far more often than either {@code StrictMath.cos} or {@code Math.cos}, and does so
 * identically on every JVM. Slow (tens of microseconds): meant for a few calls per training step.
 */
final class CorrectlyRoundedCos {
    private static final MathContext MC = new MathContext(60, RoundingMode.HALF_EVEN);
    private static final BigDecimal PI = new BigDecimal("3.14159265358979323846264338327950288419716939937510"
            + "58209749445923078164062862089986280348253421170679821480865132823066470938446");
    private static final BigDecimal TWO_PI = PI.add(PI);
    private static final BigDecimal STOP = new BigDecimal("1e-62");

    private CorrectlyRoundedCos() {
    }

    /** {@code cos(x)} correctly rounded; NaN for NaN and infinities. */
    static double cos(double x) {
        if (!Double.isFinite(x)) {
            return Double.NaN;
        }
        if (Math.abs(x) > 1e15) {
            return StrictMath.cos(x); // far beyond any schedule; the 100-digit pi would not reduce it exactly
        }
        BigDecimal d = new BigDecimal(x); // the exact binary value
        BigDecimal k = d.divide(TWO_PI, MC).setScale(0, RoundingMode.HALF_EVEN);
        BigDecimal r = d.subtract(k.multiply(TWO_PI), MC); // |r| <= pi
        BigDecimal r2 = r.multiply(r, MC);
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        for (int n = 2; term.abs().compareTo(STOP) > 0; n += 2) {
            term = term.multiply(r2, MC).divide(BigDecimal.valueOf((long) n * (n - 1)), MC).negate();
            sum = sum.add(term, MC);
        }
        return sum.doubleValue();
    }
}
