package io.voxtok.metrics;

/**
 * Triangular mel filters on the HTK mel scale {@code mel = 2595 log10(1 + f/700)}, without area normalisation
 * (the filters of {@code torchaudio.functional.melscale_fbanks(norm=None, mel_scale="htk")}): {@code nMels + 2}
 * points equally spaced in mel between {@code fMin} and {@code fMax}, filter {@code m} rising from point
 * {@code m} to {@code m+1} and falling to {@code m+2}, evaluated at FFT bin frequencies {@code k sr / nFft}.
 */
final class MelFilterbank {
    private final double[][] weights;

    MelFilterbank(int sampleRate, int nFft, int nMels, double fMin, double fMax) {
        if (nMels < 1 || !(fMax > fMin) || fMin < 0 || fMax > sampleRate / 2.0) {
            throw new IllegalArgumentException("bad mel filterbank: " + nMels + " mels, [" + fMin + ", " + fMax + "] Hz");
        }
        int bins = nFft / 2 + 1;
        double mMin = hzToMel(fMin);
        double mMax = hzToMel(fMax);
        double[] f = new double[nMels + 2];
        for (int i = 0; i < f.length; i++) {
            f[i] = melToHz(mMin + (mMax - mMin) * i / (nMels + 1));
        }
        weights = new double[nMels][bins];
        for (int m = 0; m < nMels; m++) {
            for (int k = 0; k < bins; k++) {
                double hz = (double) k * sampleRate / nFft;
                double up = (hz - f[m]) / (f[m + 1] - f[m]);
                double down = (f[m + 2] - hz) / (f[m + 2] - f[m + 1]);
                weights[m][k] = Math.max(0, Math.min(up, down));
            }
        }
    }

    static double hzToMel(double hz) {
        return 2595 * Math.log10(1 + hz / 700);
    }

    static double melToHz(double mel) {
        return 700 * (Math.pow(10, mel / 2595) - 1);
    }

    /** Mel energies of one magnitude frame. */
    double[] apply(double[] magnitude) {
        double[] out = new double[weights.length];
        for (int m = 0; m < weights.length; m++) {
            double s = 0;
            double[] w = weights[m];
            for (int k = 0; k < w.length; k++) {
                s += w[k] * magnitude[k];
            }
            out[m] = s;
        }
        return out;
    }
}
