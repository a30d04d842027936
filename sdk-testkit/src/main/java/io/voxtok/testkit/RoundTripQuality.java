package io.voxtok.testkit;

import io.voxtok.api.audio.AudioBuffer;

/**
 * Round-trip quality measures of {@code decode(encode(x))} against {@code x}, over the input's length (a decoder may
 * return a few samples more):
 * <ul>
 *   <li>{@link #waveformSnrDb}: sample-wise signal-to-noise ratio, for waveform codecs whose output is aligned with
 *       the input;</li>
 *   <li>{@link #spectralSnrDb}: the same ratio between STFT magnitudes (Hann window of about 32 ms, a quarter-window
 *       hop), blind to phase, for neural codecs; {@code -20 log10} of the usual spectral convergence.</li>
 * </ul>
 * Both are in dB over all channels. Stateless and thread-safe.
 */
final class RoundTripQuality {
    private RoundTripQuality() {
    }

    /** {@code 10 log10(sum x^2 / sum (x - y)^2)} over the first {@code reference.frames()} frames. */
    static double waveformSnrDb(AudioBuffer reference, AudioBuffer decoded) {
        double signal = 0;
        double noise = 0;
        for (int ch = 0; ch < reference.channels(); ch++) {
            float[] x = reference.channel(ch);
            float[] y = decoded.channel(ch);
            for (int i = 0; i < x.length; i++) {
                signal += (double) x[i] * x[i];
                double d = (double) x[i] - y[i];
                noise += d * d;
            }
        }
        return ratioDb(signal, noise);
    }

    /** {@code 10 log10(sum |X|^2 / sum (|X| - |Y|)^2)} over STFT frames of the first {@code reference.frames()}. */
    static double spectralSnrDb(AudioBuffer reference, AudioBuffer decoded) {
        int window = windowFor(reference.sampleRate());
        int hop = window / 4;
        double[] hann = new double[window];
        for (int i = 0; i < window; i++) {
            hann[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / window);
        }
        int n = reference.frames();
        double signal = 0;
        double noise = 0;
        double[] re = new double[window];
        double[] im = new double[window];
        double[] magnitude = new double[window / 2 + 1];
        double[] cos = new double[window / 2];
        double[] sin = new double[window / 2];
        for (int k = 0; k < window / 2; k++) {
            cos[k] = Math.cos(-2 * Math.PI * k / window);
            sin[k] = Math.sin(-2 * Math.PI * k / window);
        }
        for (int ch = 0; ch < reference.channels(); ch++) {
            float[] x = reference.channel(ch);
            float[] y = decoded.channel(ch);
            // frames start every hop; a signal shorter than a window still gets one (zero-padded) frame
            for (int start = 0; start == 0 || start + window <= n; start += hop) {
                spectrum(x, start, n, hann, cos, sin, re, im);
                for (int k = 0; k < magnitude.length; k++) {
                    magnitude[k] = Math.hypot(re[k], im[k]);
                }
                spectrum(y, start, n, hann, cos, sin, re, im);
                for (int k = 0; k < magnitude.length; k++) {
                    double d = magnitude[k] - Math.hypot(re[k], im[k]);
                    signal += magnitude[k] * magnitude[k];
                    noise += d * d;
                }
            }
        }
        return ratioDb(signal, noise);
    }

    /** The power of two nearest to 32 ms at this rate (at least 16 samples). */
    static int windowFor(int sampleRate) {
        double target = 0.032 * sampleRate;
        int w = 16;
        while (w * 2 <= target * Math.sqrt(2)) {
            w *= 2;
        }
        return w;
    }

    private static double ratioDb(double signal, double noise) {
        return noise == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(signal / noise);
    }

    /** Windowed samples {@code [start, start + window)} (zero past {@code end}), transformed in place. */
    private static void spectrum(float[] x, int start, int end, double[] hann, double[] cos, double[] sin,
                                 double[] re, double[] im) {
        for (int i = 0; i < re.length; i++) {
            int at = start + i;
            re[i] = at < end ? x[at] * hann[i] : 0;
            im[i] = 0;
        }
        fft(re, im, cos, sin);
    }

    /**
     * In-place iterative radix-2 FFT; the length is a power of two and {@code cos[k], sin[k]} hold
     * {@code exp(-2 pi i k / n)} for {@code k < n / 2}.
     */
    private static void fft(double[] re, double[] im, double[] cos, double[] sin) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            int stride = n / len;
            for (int i = 0; i < n; i += len) {
                for (int k = 0; k < len / 2; k++) {
                    double wr = cos[k * stride];
                    double wi = sin[k * stride];
                    int a = i + k;
                    int b = a + len / 2;
                    double xr = re[b] * wr - im[b] * wi;
                    double xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                }
            }
        }
    }
}
