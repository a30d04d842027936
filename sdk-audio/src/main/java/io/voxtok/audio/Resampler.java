package io.voxtok.audio;

import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;

/**
 * Band-limited sample-rate conversion between any two integer rates: a Kaiser-windowed sinc low-pass filter applied
 * in polyphase form for the rational ratio {@code to/from} reduced by their gcd ({@code L = to/g} phases, step
 * {@code M = from/g} input samples per {@code L} outputs).
 *
 * <p><b>Filter.</b> The cutoff is 0.95 of the lower of the two Nyquist frequencies; the passband ends at 0.90 of
 * it and the stopband starts at the lower Nyquist itself. The Kaiser design (beta and length from Kaiser's formulas
 * for 80 dB) gives about 84 dB of attenuation at the lower Nyquist and more above it (measured), so anything that
 * would alias is far below the 60 dB the tests require. Passband ripple is below 0.01 dB. Each polyphase branch is
 * normalised to unit DC gain, so a constant stays exactly constant. Taps are precomputed per phase once per rate
 * pair (up to 2<sup>21</sup> of them; beyond that, for unusual coprime rate pairs, each output computes its taps on
 * the fly, which is much slower).
 *
 * <p><b>Timing and length.</b> Output sample {@code n} is the band-limited input evaluated at input time
 * {@code n * from / to}: the filter is centred, there is no delay. The output has {@code ceil(frames * to / from)}
 * frames (the rule torchaudio uses). Samples outside the input count as zero, so within one filter half-length
 * of each end (about 50 samples at the lower rate, 3 ms at 16 kHz; {@link #halfWidthSeconds()}) a signal that does
 * not start or end at zero is partly attenuated.
 *
 * <p>Equal rates are the identity: {@link #resample(AudioBuffer)} returns its argument. Instances are immutable
 * and thread-safe.
 */
public final class Resampler {
    /** Design stopband attenuation in dB. */
    static final double STOPBAND_ATTENUATION_DB = 80.0;
    /** End of the passband, as a fraction of the lower Nyquist frequency. */
    static final double PASSBAND_EDGE = 0.90;
    /** Start of the stopband, as a fraction of the lower Nyquist frequency. */
    static final double STOPBAND_EDGE = 1.0;
    /** Largest precomputed tap table (doubles). */
    static final int MAX_TABLE_ENTRIES = 1 << 21;

    private final int fromRate;
    private final int toRate;
    private final int up;
    private final int down;
    /** Cutoff in cycles per input sample. */
    private final double cutoff;
    /** Half-length of the window in input samples. */
    private final double halfWidth;
    private final double beta;
    private final double i0Beta;
    /** Taps either side of the centre: each phase has {@code 2 * halfTaps + 1} taps. */
    private final int halfTaps;
    private final int tapCount;
    /** {@code [phase][tap]} flattened, or null when taps are computed per output. */
    private final double[] table;

    /**
     * A resampler from {@code fromRate} to {@code toRate} Hz, each within the rates the audio readers accept (1 kHz to
     * 768 kHz). The file readers refuse other rates already; this bounds audio made in memory too, where an 8 Hz
     * buffer resampled to 16 kHz would ask for 2000 output samples per input sample (a few seconds of memory-built
     * audio would take gigabytes and minutes).
     *
     * @throws VoxtokException USER_INPUT naming both rates when one is outside 1 kHz to 768 kHz
     */
    public Resampler(int fromRate, int toRate) {
        if (!accepted(fromRate) || !accepted(toRate)) {
            throw VoxtokException.userInput("cannot resample audio from " + fromRate + " Hz to " + toRate + " Hz:"
                    + " sample rates must be " + AudioLimits.MIN_SAMPLE_RATE + " to " + AudioLimits.MAX_SAMPLE_RATE
                    + " Hz");
        }
        this.fromRate = fromRate;
        this.toRate = toRate;
        int g = gcd(fromRate, toRate);
        this.up = toRate / g;
        this.down = fromRate / g;
        // Everything in cycles per input sample: the lower Nyquist is 0.5 * min(from, to) / from.
        double lowerNyquist = 0.5 * Math.min(fromRate, toRate) / fromRate;
        double passEdge = PASSBAND_EDGE * lowerNyquist;
        double stopEdge = STOPBAND_EDGE * lowerNyquist;
        this.cutoff = 0.5 * (passEdge + stopEdge);
        double a = STOPBAND_ATTENUATION_DB;
        this.beta = 0.1102 * (a - 8.7);
        this.i0Beta = besselI0(beta);
        // Kaiser's length estimate: N - 1 = (A - 7.95) / (14.36 * transition width).
        double length = (a - 7.95) / (14.36 * (stopEdge - passEdge)) + 1;
        this.halfWidth = 0.5 * length;
        this.halfTaps = (int) Math.ceil(halfWidth);
        this.tapCount = 2 * halfTaps + 1;
        if (fromRate == toRate) {
            this.table = null;
        } else if ((long) up * tapCount <= MAX_TABLE_ENTRIES) {
            table = new double[up * tapCount];
            for (int p = 0; p < up; p++) {
                fillTaps(p, table, p * tapCount);
            }
        } else {
            table = null;
        }
    }

    private static boolean accepted(int rate) {
        return rate >= AudioLimits.MIN_SAMPLE_RATE && rate <= AudioLimits.MAX_SAMPLE_RATE;
    }

    /**
     * Resamples {@code audio} to {@code toRate}; returns {@code audio} itself when the rates are equal (whatever they
     * are: nothing is computed).
     *
     * @throws VoxtokException USER_INPUT when the rates differ and one is outside 1 kHz to 768 kHz
     */
    public static AudioBuffer resample(AudioBuffer audio, int toRate) {
        if (audio.sampleRate() == toRate) {
            return audio;
        }
        return new Resampler(audio.sampleRate(), toRate).resample(audio);
    }

    /** Input rate in Hz. */
    public int fromRate() {
        return fromRate;
    }

    /** Output rate in Hz. */
    public int toRate() {
        return toRate;
    }

    /** Half the filter length in seconds: how far from each edge the zero padding reaches. */
    public double halfWidthSeconds() {
        return halfWidth / fromRate;
    }

    /** Output frames for {@code inputFrames} input frames: {@code ceil(inputFrames * to / from)}. */
    public long outputFrames(long inputFrames) {
        return (inputFrames * up + down - 1) / down;
    }

    /**
     * Resamples every channel of {@code audio}.
     *
     * @throws IllegalArgumentException when {@code audio} is not at {@link #fromRate()}
     */
    public AudioBuffer resample(AudioBuffer audio) {
        if (audio.sampleRate() != fromRate) {
            throw new IllegalArgumentException("audio is at " + audio.sampleRate() + " Hz, resampler expects "
                    + fromRate + " Hz");
        }
        if (fromRate == toRate) {
            return audio;
        }
        int channels = audio.channels();
        if (channels == 1) {
            return AudioBuffer.ofMono(resample(audio.channel(0)), toRate);
        }
        float[][] planar = new float[channels][];
        for (int c = 0; c < channels; c++) {
            planar[c] = resample(audio.channel(c));
        }
        return AudioBuffer.ofPlanar(planar, toRate);
    }

    /** Resamples one channel; returns a copy when the rates are equal. */
    public float[] resample(float[] x) {
        if (fromRate == toRate) {
            return x.clone();
        }
        long outLong = outputFrames(x.length);
        if (outLong > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("output too long: " + outLong + " samples");
        }
        float[] y = new float[(int) outLong];
        double[] taps = table;
        double[] scratch = table == null ? new double[tapCount] : null;
        int n = x.length;
        long base = 0; // floor(o * down / up): the input sample at or before output o's time
        int phase = 0; // (o * down) mod up: output o's time is base + phase / up
        for (int o = 0; o < y.length; o++) {
            int off;
            if (taps == null) {
                fillTaps(phase, scratch, 0);
                off = 0;
            } else {
                off = phase * tapCount;
            }
            double[] h = taps == null ? scratch : taps;
            long start = base - halfTaps;
            double acc;
            if (start >= 0 && start + tapCount <= n) {
                acc = dot(x, (int) start, h, off, tapCount);
            } else {
                acc = 0;
                for (int i = 0; i < tapCount; i++) {
                    long k = start + i;
                    if (k >= 0 && k < n) {
                        acc += x[(int) k] * h[off + i];
                    }
                }
            }
            y[o] = (float) acc;
            phase += down;
            if (phase >= up) {
                base += phase / up;
                phase %= up;
            }
        }
        return y;
    }

    /** Four independent accumulators so the JIT can overlap the multiply-adds. */
    private static double dot(float[] x, int xOff, double[] h, int hOff, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += x[xOff + i] * h[hOff + i];
            s1 += x[xOff + i + 1] * h[hOff + i + 1];
            s2 += x[xOff + i + 2] * h[hOff + i + 2];
            s3 += x[xOff + i + 3] * h[hOff + i + 3];
        }
        for (; i < n; i++) {
            s0 += x[xOff + i] * h[hOff + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * Taps of one phase: tap {@code i} multiplies input {@code base - halfTaps + i}, at distance
     * {@code halfTaps - i + phase / up} input samples before the output time. Normalised to sum 1.
     */
    private void fillTaps(int phase, double[] dst, int off) {
        double frac = (double) phase / up;
        double sum = 0;
        for (int i = 0; i < tapCount; i++) {
            double v = kernel(halfTaps - i + frac);
            dst[off + i] = v;
            sum += v;
        }
        for (int i = 0; i < tapCount; i++) {
            dst[off + i] /= sum;
        }
    }

    /** Windowed sinc at distance {@code d} input samples. */
    private double kernel(double d) {
        double u = d / halfWidth;
        if (Math.abs(u) >= 1) {
            return 0;
        }
        double window = besselI0(beta * Math.sqrt(1 - u * u)) / i0Beta;
        double t = 2 * cutoff * d;
        double sinc = t == 0 ? 1 : Math.sin(Math.PI * t) / (Math.PI * t);
        return 2 * cutoff * sinc * window;
    }

    /** Modified Bessel function of the first kind, order 0, by its power series. */
    static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double q = x * x / 4;
        for (int k = 1; k < 500; k++) {
            term *= q / ((double) k * k);
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return sum;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    @Override
    public String toString() {
        return "Resampler[" + fromRate + " -> " + toRate + " Hz, " + up + "/" + down + ", " + tapCount + " taps]";
    }
}
