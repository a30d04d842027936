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

    /** {@code ||got - want|| / ||want||}, the one shared definition of the module's tests. */
    static double relativeL2(float[] got, float[] want) {
        return io.voxtok.training.TestData.relL2(want, got);
    }
}
