package io.voxtok.training.discriminator;

/**
 * One resolution of the MS-STFT discriminator.
 *
 * @param nFft      FFT size
 * @param hopLength frame shift in samples
 * @param winLength Hann window length, at most {@code nFft} (centred in the frame when shorter)
 */
public record StftScale(int nFft, int hopLength, int winLength) {
    /** Validates the numbers. */
    public StftScale {
        if (nFft < 2 || hopLength < 1 || winLength < 1 || winLength > nFft) {
            throw new IllegalArgumentException("invalid STFT scale n_fft=" + nFft + ", hop=" + hopLength
                    + ", win=" + winLength);
        }
    }
}
