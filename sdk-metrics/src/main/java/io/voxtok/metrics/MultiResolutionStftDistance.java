package io.voxtok.metrics;

import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.bench.Metric;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Multi-resolution STFT distance (the loss of Yamamoto et al., Parallel WaveGAN, ICASSP 2020, used as a
 * metric): for each resolution, spectral convergence {@code ||S_ref - S_est||_F / ||S_ref||_F} plus the log
 * magnitude distance {@code mean |ln S_ref - ln S_est|}, with magnitudes clamped to {@code >= 1e-7}; the value
 * is the mean over resolutions of their sum. STFTs as in {@link Spectrogram}. Default resolutions
 * {@code (n_fft, hop, win)}: (512, 50, 240), (1024, 120, 600), (2048, 240, 1200). Lower is better.
 *
 * @param resolutions {@code {nFft, hop, winLength}} triples (copied)
 */
public record MultiResolutionStftDistance(List<int[]> resolutions) implements PairedSignalMetric {
    /** Report name. */
    public static final String NAME = "mr_stft_distance";
    /** Definition version. */
    public static final String VERSION = "1";
    static final double FLOOR = 1e-7;

    /** Validates and copies. */
    public MultiResolutionStftDistance {
        resolutions = resolutions.stream().map(int[]::clone).toList();
        if (resolutions.isEmpty()) {
            throw new IllegalArgumentException("no resolutions");
        }
        for (int[] r : resolutions) {
            if (r.length != 3 || r[1] < 1 || r[2] < 1 || r[2] > r[0]) {
                throw new IllegalArgumentException("resolution must be {nFft, hop, win} with win <= nFft");
            }
        }
    }

    /** The Parallel WaveGAN resolutions. */
    public static MultiResolutionStftDistance standard() {
        return new MultiResolutionStftDistance(List.of(new int[] {512, 50, 240}, new int[] {1024, 120, 600},
                new int[] {2048, 240, 1200}));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Metric compute(AudioBuffer reference, AudioBuffer estimate) {
        float[][] p = SignalChecks.pair(NAME, reference, estimate);
        double total = 0;
        StringBuilder res = new StringBuilder();
        for (int[] r : resolutions) {
            double[][] a = Spectrogram.magnitude(NAME, p[0], r[0], r[1], r[2]);
            double[][] b = Spectrogram.magnitude(NAME, p[1], r[0], r[1], r[2]);
            double diff2 = 0;
            double ref2 = 0;
            double logSum = 0;
            long n = 0;
            for (int t = 0; t < a.length; t++) {
                for (int k = 0; k < a[t].length; k++) {
                    double x = Math.max(a[t][k], FLOOR);
                    double y = Math.max(b[t][k], FLOOR);
                    diff2 += (x - y) * (x - y);
                    ref2 += x * x;
                    logSum += Math.abs(Math.log(x) - Math.log(y));
                    n++;
                }
            }
            total += Math.sqrt(diff2) / Math.sqrt(ref2) + logSum / n;
            res.append(res.length() == 0 ? "" : ",").append(r[0]).append('/').append(r[1]).append('/').append(r[2]);
        }
        double v = SignalChecks.finite(NAME, total / resolutions.size(), "spectral convergence of a silent reference?");
        Map<String, String> params = new LinkedHashMap<>();
        params.put("resolutions", res.toString());
        params.put("floor", "1e-7");
        params.put("sample_rate", "" + reference.sampleRate());
        return new Metric(NAME, v, "SC+logmag", false, VERSION, params);
    }
}
