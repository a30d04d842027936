package io.voxtok.training.discriminator;

/** Gradient checks shared by the tests. */
final class Gradients {
    private Gradients() {
    }

    /** Every value finite and at least one nonzero. */
    static boolean finiteAndNonzero(float[] v) {
        boolean nonzero = false;
        for (float f : v) {
            if (!Float.isFinite(f)) {
                return false;
            }
            nonzero |= f != 0;
        }
        return nonzero;
    }

    /** {@code ||got - want|| / ||want||}. */
    static double relativeL2(float[] got, float[] want) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < want.length; i++) {
            double d = (double) got[i] - want[i];
            num += d * d;
            den += (double) want[i] * want[i];
        }
        return Math.sqrt(num) / Math.sqrt(den);
    }
}
