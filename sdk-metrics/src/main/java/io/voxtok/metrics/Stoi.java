package io.voxtok.metrics;

import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.bench.Metric;
import io.voxtok.audio.Resampler;
import java.util.Map;

/**
 * Short-time objective intelligibility: STOI (Taal, Hendriks, Heusdens, Jensen, IEEE TASLP 2011) and, with
 * {@code extended = true}, ESTOI (Jensen and Taal, IEEE TASLP 2016). Steps, with the papers' constants:
 * <ol>
 *   <li>resample both signals to 10 kHz ({@link Resampler}; skipped when already 10 kHz);</li>
 *   <li>silent-frame removal: 256-sample frames, hop 128, Hann window ({@code hanning(258)[1:-1]}); frames of
 *       the reference more than 40 dB below its loudest frame are dropped from both signals, which are then
 *       rebuilt by overlap-add;</li>
 *   <li>STFT: the same frames, zero-padded to 512 points; 15 one-third-octave bands from 150 Hz (band
 *       {@code j} spans FFT bins nearest to {@code 150 * 2^((2j-1)/6)} .. {@code 150 * 2^((2j+1)/6)} Hz, upper
 *       excluded); band envelope = sqrt of summed power;</li>
 *   <li>segments of N = 30 frames (384 ms), every frame shift;</li>
 *   <li>STOI: per segment and band, the estimate envelope is scaled to the reference energy and clipped to
 *       {@code (1 + 10^(15/20))} times the reference (SDR floor -15 dB), then the correlation coefficient is
 *       taken; the score is the mean over segments and bands. ESTOI: each segment's band-by-time matrices are
 *       mean/norm-normalised along time, then along bands, and the score is the mean of
 *       {@code sum(X .* Y) / N} over segments (no clipping).</li>
 * </ol>
 * Fewer than 30 speech frames (about 0.4 s of speech) is an error, not a default score. Scores are in
 * [-1, 1] (in practice [0, 1]); identical signals give exactly 1.
 *
 * @param extended false for STOI, true for ESTOI
 */
public record Stoi(boolean extended) implements PairedSignalMetric {
    static final int FS = 10000;
    static final int FRAME = 256;
    static final int HOP = 128;
    static final int NFFT = 512;
    static final int BANDS = 15;
    static final double MIN_FREQ = 150;
    static final int N = 30;
    static final double BETA_DB = -15;
    static final double DYN_RANGE_DB = 40;
    static final double EPS = 1e-10;
    /** Definition version. */
    public static final String VERSION = "1";

    /** Classic STOI. */
    public static Stoi stoi() {
        return new Stoi(false);
    }

    /** Extended STOI. */
    public static Stoi estoi() {
        return new Stoi(true);
    }

    @Override
    public String name() {
        return extended ? "estoi" : "stoi";
    }

    @Override
    public Metric compute(AudioBuffer reference, AudioBuffer estimate) {
        float[][] p = SignalChecks.pair(name(), reference, estimate);
        int sr = reference.sampleRate();
        float[] x = p[0];
        float[] y = p[1];
        if (sr != FS) {
            Resampler r = new Resampler(sr, FS);
            x = r.resample(x);
            y = r.resample(y);
        }
        double v = SignalChecks.finite(name(), value(x, y), "correlation");
        return new Metric(name(), v, "", true, VERSION, Map.of("fs", "10000", "frame", "256", "nfft", "512",
                "bands", "15", "min_freq", "150", "segment_frames", "30", "beta_db", extended ? "none" : "-15",
                "dyn_range_db", "40", "input_sample_rate", "" + sr));
    }

    /** The score of two 10 kHz signals of equal length. */
    double value(float[] x, float[] y) {
        double[] window = new double[FRAME];
        for (int i = 0; i < FRAME; i++) {
            // numpy.hanning(FRAME + 2)[1:-1]: a symmetric Hann without its zero end points.
            window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * (i + 1) / (FRAME + 1));
        }
        double[][] xy = removeSilentFrames(x, y, window);
        double[][] xb = bandEnvelopes(xy[0], window);
        double[][] yb = bandEnvelopes(xy[1], window);
        int frames = xb[0].length;
        if (frames < N) {
            throw VoxtokException.userInput(name() + ": only " + frames + " speech frames after silence removal; "
                    + "at least " + N + " (about 0.4 s of speech at 10 kHz) are needed");
        }
        double sum = 0;
        int segments = frames - N + 1;
        for (int m = N; m <= frames; m++) {
            sum += extended ? estoiSegment(xb, yb, m - N) : stoiSegment(xb, yb, m - N);
        }
        return extended ? sum / segments : sum / (segments * (double) BANDS);
    }

    private static double stoiSegment(double[][] xb, double[][] yb, int start) {
        double clip = Math.pow(10, -BETA_DB / 20);
        double total = 0;
        for (int j = 0; j < BANDS; j++) {
            double nx = 0;
            double ny = 0;
            for (int t = 0; t < N; t++) {
                nx += xb[j][start + t] * xb[j][start + t];
                ny += yb[j][start + t] * yb[j][start + t];
            }
            double alpha = Math.sqrt(nx) / (Math.sqrt(ny) + EPS);
            double[] a = new double[N];
            double[] b = new double[N];
            for (int t = 0; t < N; t++) {
                a[t] = xb[j][start + t];
                b[t] = Math.min(alpha * yb[j][start + t], a[t] * (1 + clip));
            }
            total += correlation(a, b);
        }
        return total;
    }

    private static double estoiSegment(double[][] xb, double[][] yb, int start) {
        double[][] a = new double[BANDS][N];
        double[][] b = new double[BANDS][N];
        for (int j = 0; j < BANDS; j++) {
            System.arraycopy(xb[j], start, a[j], 0, N);
            System.arraycopy(yb[j], start, b[j], 0, N);
            normalise(a[j]);
            normalise(b[j]);
        }
        double total = 0;
        double[] ca = new double[BANDS];
        double[] cb = new double[BANDS];
        for (int t = 0; t < N; t++) {
            for (int j = 0; j < BANDS; j++) {
                ca[j] = a[j][t];
                cb[j] = b[j][t];
            }
            normalise(ca);
            normalise(cb);
            for (int j = 0; j < BANDS; j++) {
                total += ca[j] * cb[j];
            }
        }
        return total / N;
    }

    /** Subtracts the mean and divides by the norm (+EPS), in place. */
    private static void normalise(double[] v) {
        double mean = 0;
        for (double d : v) {
            mean += d;
        }
        mean /= v.length;
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] -= mean;
            norm += v[i] * v[i];
        }
        norm = Math.sqrt(norm) + EPS;
        for (int i = 0; i < v.length; i++) {
            v[i] /= norm;
        }
    }

    private static double correlation(double[] a, double[] b) {
        double[] x = a.clone();
        double[] y = b.clone();
        normalise(x);
        normalise(y);
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    /** Frame start positions {@code 0, HOP, ...} strictly below {@code len - FRAME} (the MATLAB reference's rule). */
    private static int frameCount(int len) {
        return len - FRAME <= 0 ? 0 : (len - FRAME - 1) / HOP + 1;
    }

    private double[][] removeSilentFrames(float[] x, float[] y, double[] w) {
        int count = frameCount(x.length);
        if (count == 0) {
            throw VoxtokException.userInput(name() + ": signal of " + x.length + " samples at 10 kHz is shorter than one frame");
        }
        double[] energy = new double[count];
        double max = Double.NEGATIVE_INFINITY;
        for (int f = 0; f < count; f++) {
            double s = 0;
            for (int i = 0; i < FRAME; i++) {
                double v = w[i] * x[f * HOP + i];
                s += v * v;
            }
            energy[f] = 20 * Math.log10(Math.sqrt(s) + EPS);
            max = Math.max(max, energy[f]);
        }
        int kept = 0;
        for (int f = 0; f < count; f++) {
            if (energy[f] > max - DYN_RANGE_DB) {
                kept++;
            }
        }
        int len = (kept - 1) * HOP + FRAME;
        double[] xs = new double[len];
        double[] ys = new double[len];
        int k = 0;
        for (int f = 0; f < count; f++) {
            if (energy[f] > max - DYN_RANGE_DB) {
                for (int i = 0; i < FRAME; i++) {
                    xs[k * HOP + i] += w[i] * x[f * HOP + i];
                    ys[k * HOP + i] += w[i] * y[f * HOP + i];
                }
                k++;
            }
        }
        return new double[][] {xs, ys};
    }

    /** One-third-octave band envelopes {@code [band][frame]}. */
    private static double[][] bandEnvelopes(double[] s, double[] w) {
        int[][] bands = bandBins();
        int frames = frameCount(s.length);
        double[][] out = new double[BANDS][frames];
        Fft fft = new Fft(NFFT);
        double[] frame = new double[FRAME];
        for (int f = 0; f < frames; f++) {
            for (int i = 0; i < FRAME; i++) {
                frame[i] = w[i] * s[f * HOP + i];
            }
            double[] p = fft.powerSpectrum(frame);
            for (int j = 0; j < BANDS; j++) {
                double e = 0;
                for (int k = bands[j][0]; k < bands[j][1]; k++) {
                    e += p[k];
                }
                out[j][f] = Math.sqrt(e);
            }
        }
        return out;
    }

    /** {@code [band] = {firstBin, endBinExclusive}}: the FFT bins nearest to each band edge. */
    static int[][] bandBins() {
        int bins = NFFT / 2 + 1;
        int[][] out = new int[BANDS][2];
        for (int j = 0; j < BANDS; j++) {
            double lo = MIN_FREQ * Math.pow(2, (2.0 * j - 1) / 6);
            double hi = MIN_FREQ * Math.pow(2, (2.0 * j + 1) / 6);
            out[j][0] = nearestBin(lo, bins);
            out[j][1] = nearestBin(hi, bins);
        }
        return out;
    }

    private static int nearestBin(double hz, int bins) {
        int best = 0;
        double bestD = Double.MAX_VALUE;
        for (int k = 0; k < bins; k++) {
            double d = Math.abs(k * (double) FS / NFFT - hz);
            if (d < bestD) {
                bestD = d;
                best = k;
            }
        }
        return best;
    }
}
