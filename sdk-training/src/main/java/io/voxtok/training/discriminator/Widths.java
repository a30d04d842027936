package io.voxtok.training.discriminator;

/** Channel counts of reduced-width discriminators. */
final class Widths {
    private Widths() {
    }

    /**
     * {@code channels / divisor}, which must be a whole, positive number.
     *
     * @throws IllegalArgumentException otherwise, naming the numbers
     */
    static long divide(long channels, int divisor) {
        if (divisor < 1 || channels % divisor != 0) {
            throw new IllegalArgumentException("width divisor " + divisor + " does not divide " + channels
                    + " channels");
        }
        return channels / divisor;
    }
}
