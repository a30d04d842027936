package io.voxtok.audio;

import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks against closed forms: sines evaluated at the output times, impulse positions, constants, ceil lengths. */
class ResamplerTest {
    /** Samples kept away from each edge (the filter half-length is about 3 ms at 16 kHz). */
    private static final double EDGE_SECONDS = 0.02;

    private static float[] sine(double freq, int rate, int n, double amplitude) {
        return sine(freq, rate, n, amplitude, 0);
    }

    private static float[] sine(double freq, int rate, int n, double amplitude, double phase) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * freq * i / rate + phase));
        }
        return x;
    }

    /**
     * A sine keeps its frequency, amplitude and phase: the output equals sin(2 pi f t) at the output times (so no
     * delay), its least-squares amplitude is within 0.1 dB, and its zero crossings give the same frequency.
     */
    @ParameterizedTest
    @CsvSource({
        "44100, 16000, 440", "44100, 16000, 3000",
        "16000, 24000, 440", "16000, 24000, 3000",
        "48000, 16000, 440", "48000, 16000, 3000",
        "8000, 16000, 440", "8000, 16000, 3000",
        "24000, 16000, 440", "24000, 16000, 3000",
        "22050, 16000, 440", "22050, 16000, 3000",
        "16000, 44100, 3000", "44101, 16000, 3000", // 44101/16000 is coprime: taps computed on the fly
    })
    void sineKeepsFrequencyAmplitudeAndPhase(int from, int to, double freq) {
        double amplitude = 0.5;
        int n = from / 2; // 0.5 s
        float[] y = new Resampler(from, to).resample(sine(freq, from, n, amplitude));
        assertEquals((long) Math.ceil((double) n * to / from), y.length);
        int lo = (int) (EDGE_SECONDS * to);
        int hi = y.length - lo;
        double maxErr = 0;
        for (int i = lo; i < hi; i++) {
            double expected = amplitude * Math.sin(2 * Math.PI * freq * i / to);
            maxErr = Math.max(maxErr, Math.abs(y[i] - expected));
        }
        assertTrue(maxErr < 1e-3 * amplitude, "max deviation from the analytic sine " + maxErr);

        double fitted = fittedAmplitude(y, lo, hi, freq, to);
        double db = 20 * Math.log10(fitted / amplitude);
        assertTrue(Math.abs(db) < 0.1, "gain " + db + " dB");

        double measured = zeroCrossingFrequency(y, lo, hi, to);
        assertEquals(freq, measured, freq * 1e-4, "frequency from zero crossings");
    }

    /** Tones at and above the new Nyquist are at least 60 dB below a passband tone of the same input amplitude. */
    @ParameterizedTest
    @CsvSource({
        "44100, 16000, 8000", "44100, 16000, 9000", "44100, 16000, 12000", "44100, 16000, 20000",
        "48000, 16000, 8000", "48000, 16000, 8500", "48000, 16000, 15000", "48000, 16000, 23000",
        "22050, 16000, 8000", "22050, 16000, 10000",
        "24000, 16000, 8000", "24000, 16000, 11000",
    })
    void tonesAboveTheNewNyquistAreSuppressed(int from, int to, double freq) {
        int n = from / 2;
        Resampler r = new Resampler(from, to);
        float[] pass = r.resample(sine(1000, from, n, 0.5, 0.7));
        // phase 0.7 rad: a zero-phase sine at exactly the new Nyquist would be sampled at its zero crossings
        float[] stop = r.resample(sine(freq, from, n, 0.5, 0.7));
        int lo = (int) (EDGE_SECONDS * to);
        double db = 20 * Math.log10(rms(stop, lo, stop.length - lo) / rms(pass, lo, pass.length - lo));
        assertTrue(db <= -60, freq + " Hz at " + from + " -> " + to + ": " + db + " dB");
    }

    /** Upsampling leaves no image: a 7 kHz tone at 16 kHz becomes a pure 7 kHz tone at 24 kHz (image at 9 kHz). */
    @Test
    void upsamplingSuppressesImages() {
        int from = 16000;
        int to = 24000;
        float[] y = new Resampler(from, to).resample(sine(7000, from, from / 2, 0.5));
        int lo = (int) (EDGE_SECONDS * to);
        int hi = y.length - lo;
        double[] ab = fit(y, lo, hi, 7000, to);
        double[] residual = new double[hi - lo];
        for (int i = lo; i < hi; i++) {
            double w = 2 * Math.PI * 7000 * i / to;
            residual[i - lo] = y[i] - (ab[0] * Math.sin(w) + ab[1] * Math.cos(w));
        }
        double tone = Math.hypot(ab[0], ab[1]) / Math.sqrt(2);
        double db = 20 * Math.log10(rms(residual) / tone);
        assertTrue(db <= -60, "image and error energy " + db + " dB below the tone");
        assertEquals(0.5, Math.hypot(ab[0], ab[1]), 0.5 * 0.0116, "7 kHz is in the passband (0.875 of 8 kHz)");
    }

    @ParameterizedTest
    @CsvSource({"44100, 16000", "16000, 24000", "8000, 16000", "44101, 16000"})
    void constantStaysConstant(int from, int to) {
        float[] x = new float[from / 4];
        java.util.Arrays.fill(x, 0.25f);
        float[] y = new Resampler(from, to).resample(x);
        int lo = (int) (EDGE_SECONDS * to);
        for (int i = lo; i < y.length - lo; i++) {
            assertEquals(0.25f, y[i], 1e-6f, "sample " + i);
        }
    }

    /** A centred filter: an impulse at input time t peaks at output time t, symmetrically. */
    @ParameterizedTest
    @CsvSource({"8000, 16000, 100, 200", "48000, 16000, 300, 100", "16000, 24000, 200, 300", "44100, 16000, 441, 160"})
    void impulseIsNotDelayed(int from, int to, int inputIndex, int outputIndex) {
        float[] x = new float[2000];
        x[inputIndex] = 1f;
        float[] y = new Resampler(from, to).resample(x);
        int peak = 0;
        for (int i = 1; i < y.length; i++) {
            if (Math.abs(y[i]) > Math.abs(y[peak])) {
                peak = i;
            }
        }
        assertEquals(outputIndex, peak);
        for (int k = 1; k < 20; k++) {
            assertEquals(y[peak - k], y[peak + k], 1e-6f, "symmetric at +-" + k);
        }
    }

    @Test
    void outputLengthIsCeiling() {
        int[][] pairs = {{44100, 16000}, {16000, 24000}, {22050, 16000}, {8000, 16000}, {48000, 16000}};
        for (int[] p : pairs) {
            Resampler r = new Resampler(p[0], p[1]);
            for (int n : new int[] {0, 1, 2, 3, 440, 441, 442, 1000, 44100}) {
                long expected = (long) Math.ceil((double) n * p[1] / p[0]);
                assertEquals(expected, r.outputFrames(n), p[0] + "->" + p[1] + " n=" + n);
                assertEquals(expected, r.resample(new float[n]).length);
            }
        }
    }

    @Test
    void equalRatesAreTheIdentity() {
        AudioBuffer a = AudioBuffer.ofMono(new float[] {0.1f, -0.2f, 0.3f}, 16000);
        assertSame(a, Resampler.resample(a, 16000));
        assertSame(a, new Resampler(16000, 16000).resample(a));
        assertArrayEquals(a.toArray(), new Resampler(16000, 16000).resample(a.toArray()));
    }

    @Test
    void channelsAreResampledIndependently() {
        int from = 44100;
        int n = 4410;
        float[] left = sine(440, from, n, 0.5);
        float[] right = sine(3000, from, n, 0.25);
        AudioBuffer stereo = AudioBuffer.ofPlanar(new float[][] {left, right}, from);
        Resampler r = new Resampler(from, 16000);
        AudioBuffer out = r.resample(stereo);
        assertEquals(16000, out.sampleRate());
        assertEquals(2, out.channels());
        assertArrayEquals(r.resample(left), out.channel(0));
        assertArrayEquals(r.resample(right), out.channel(1));
    }

    @Test
    void wrongInputRateIsRefused() {
        Resampler r = new Resampler(44100, 16000);
        assertThrows(IllegalArgumentException.class, () -> r.resample(AudioBuffer.ofMono(new float[4], 48000)));
        assertThrows(VoxtokException.class, () -> new Resampler(0, 16000));
    }

    @Test
    void besselI0MatchesKnownValues() {
        // reference values from numpy.i0
        assertEquals(1.0, Resampler.besselI0(0), 0);
        assertEquals(1.2660658777520082, Resampler.besselI0(1), 1e-15);
        assertEquals(27.239871823604442, Resampler.besselI0(5), 1e-12);
    }

    private static double[] fit(float[] y, int lo, int hi, double freq, int rate) {
        double ss = 0;
        double sc = 0;
        double cc = 0;
        double ys = 0;
        double yc = 0;
        for (int i = lo; i < hi; i++) {
            double w = 2 * Math.PI * freq * i / rate;
            double s = Math.sin(w);
            double c = Math.cos(w);
            ss += s * s;
            sc += s * c;
            cc += c * c;
            ys += y[i] * s;
            yc += y[i] * c;
        }
        double det = ss * cc - sc * sc;
        return new double[] {(ys * cc - yc * sc) / det, (yc * ss - ys * sc) / det};
    }

    private static double fittedAmplitude(float[] y, int lo, int hi, double freq, int rate) {
        double[] ab = fit(y, lo, hi, freq, rate);
        return Math.hypot(ab[0], ab[1]);
    }

    private static double zeroCrossingFrequency(float[] y, int lo, int hi, int rate) {
        double first = -1;
        double last = -1;
        int count = 0;
        for (int i = lo; i + 1 < hi; i++) {
            if ((y[i] < 0) != (y[i + 1] < 0)) {
                double t = i + y[i] / (double) (y[i] - y[i + 1]);
                if (first < 0) {
                    first = t;
                }
                last = t;
                count++;
            }
        }
        return (count - 1) / 2.0 / ((last - first) / rate);
    }

    private static double rms(float[] y, int lo, int hi) {
        double s = 0;
        for (int i = lo; i < hi; i++) {
            s += (double) y[i] * y[i];
        }
        return Math.sqrt(s / (hi - lo));
    }

    private static double rms(double[] y) {
        double s = 0;
        for (double v : y) {
            s += v * v;
        }
        return Math.sqrt(s / y.length);
    }
}
