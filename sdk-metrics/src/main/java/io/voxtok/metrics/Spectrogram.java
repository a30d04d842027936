package io.voxtok.metrics;

import io.voxtok.api.VoxtokException;

/**
 * Magnitude STFT with the conventions of {@code torch.stft(center=True, pad_mode="reflect")}: the signal is
 * reflect-padded by {@code nFft/2} on both sides, frames start every {@code hop} samples ({@code 1 + len/hop}
 * frames), a periodic Hann window of {@code winLength} is centred in the {@code nFft} frame.
 */
final class Spectrogram {
    private Spectrogram() {
    }

    /** {@code [frame][bin]} magnitudes, {@code nFft/2 + 1} bins. */
    static double[][] magnitude(String metric, float[] x, int nFft, int hop, int winLength) {
        int pad = nFft / 2;
        if (x.length <= pad) {
            throw VoxtokException.userInput(metric + ": signal of " + x.length + " samples is too short for an FFT of "
                    + nFft + " (needs more than " + pad + ")");
        }
        double[] padded = new double[x.length + 2 * pad];
        for (int i = 0; i < padded.length; i++) {
            int j = i - pad;
            if (j < 0) {
                j = -j;
            } else if (j >= x.length) {
                j = 2 * (x.length - 1) - j;
            }
            padded[i] = x[j];
        }
        double[] window = new double[nFft];
        int off = (nFft - winLength) / 2;
        for (int i = 0; i < winLength; i++) {
            window[off + i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / winLength);
        }
        int frames = 1 + x.length / hop;
        Fft fft = new Fft(nFft);
        double[][] out = new double[frames][];
        double[] frame = new double[nFft];
        for (int t = 0; t < frames; t++) {
            for (int i = 0; i < nFft; i++) {
                frame[i] = padded[t * hop + i] * window[i];
            }
            double[] p = fft.powerSpectrum(frame);
            for (int k = 0; k < p.length; k++) {
                p[k] = Math.sqrt(p[k]);
            }
            out[t] = p;
        }
        return out;
    }
}
