package io.voxtok.metrics;

import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.bench.Metric;
import java.util.List;
import java.util.Map;

/**
 * How much louder (positive) or quieter (negative) the estimate is than the reference in one frequency band, in dB:
 * {@code 10 log10(sum |X_est|^2 / sum |X_ref|^2)} over the STFT bins with centre frequency in {@code [lowHz, highHz)}
 * and all frames ({@link Spectrogram}: {@code n_fft} 1024, hop 256, periodic Hann). 0 is a faithful band level.
 *
 * <p>Why: a codec can reach a moderate log-mel distance while losing a band that matters for intelligibility (a
 * small reconstruction-trained SEANet keeps the energy below 500 Hz and drops the formant band 0.5-2 kHz by about
 * 15 dB); the band levels show that at a glance, where a single distance cannot.
 *
 * @param lowHz  band start (inclusive)
 * @param highHz band end (exclusive)
 */
public record BandLevelDifference(double lowHz, double highHz) implements PairedSignalMetric {
    /** Definition version. */
    public static final String VERSION = "1";
    private static final int N_FFT = 1024;
    private static final int HOP = 256;
    /** Energy floor so that a silent band gives a finite (very negative) level instead of -Infinity. */
    private static final double FLOOR = 1e-12;

    /** Validates. */
    public BandLevelDifference {
        if (!(lowHz >= 0) || !(highHz > lowHz)) {
            throw new IllegalArgumentException("band must satisfy 0 <= low < high, got " + lowHz + ".." + highHz);
        }
    }

    /** The octave-like bands the evaluation reports: 0-0.5, 0.5-1, 1-2, 2-4 and 4-8 kHz. */
    public static List<BandLevelDifference> speechBands() {
        return List.of(new BandLevelDifference(0, 500), new BandLevelDifference(500, 1000),
                new BandLevelDifference(1000, 2000), new BandLevelDifference(2000, 4000),
                new BandLevelDifference(4000, 8000));
    }

    @Override
    public String name() {
        return "band_level_db_" + (int) lowHz + "_" + (int) highHz + "hz";
    }

    @Override
    public Metric compute(AudioBuffer reference, AudioBuffer estimate) {
        String name = name();
        float[][] p = SignalChecks.pair(name, reference, estimate);
        int sr = reference.sampleRate();
        double[][] a = Spectrogram.magnitude(name, p[0], N_FFT, HOP, N_FFT);
        double[][] b = Spectrogram.magnitude(name, p[1], N_FFT, HOP, N_FFT);
        double ea = 0;
        double eb = 0;
        for (int t = 0; t < a.length; t++) {
            for (int k = 0; k < a[t].length; k++) {
                double f = k * (double) sr / N_FFT;
                if (f >= lowHz && f < highHz) {
                    ea += a[t][k] * a[t][k];
                    eb += b[t][k] * b[t][k];
                }
            }
        }
        double v = SignalChecks.finite(name, 10 * Math.log10((eb + FLOOR) / (ea + FLOOR)), "band level");
        return new Metric(name, v, "dB", false, VERSION, Map.of("low_hz", "" + lowHz, "high_hz", "" + highHz,
                "n_fft", "" + N_FFT, "hop", "" + HOP, "sample_rate", "" + sr, "reading",
                "estimate minus reference; 0 is faithful"));
    }
}
