package io.voxtok.metrics;

import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.bench.Metric;
import java.util.Map;

/**
 * Log-mel spectral distance: the mean absolute difference of natural-log mel magnitudes,
 * {@code mean_{t,m} |ln(M_ref[t,m] + eps) - ln(M_est[t,m] + eps)|}, where {@code M = mel(|STFT|)} uses a magnitude
 * (not power) STFT ({@link Spectrogram}: centred, reflect padding, periodic Hann) and HTK mel filters without
 * normalisation ({@link MelFilterbank}). Defaults: {@code n_fft = 1024}, {@code hop = 256}, {@code win = 1024},
 * 80 mels from 0 Hz to Nyquist, {@code eps = 1e-5}. Lower is better; 0 for identical signals.
 *
 * @param nFft      FFT size (power of two)
 * @param hop       hop in samples
 * @param winLength window length in samples ({@code <= nFft})
 * @param nMels     number of mel bands
 * @param eps       floor added before the log
 */
public record LogMelDistance(int nFft, int hop, int winLength, int nMels, double eps) implements PairedSignalMetric {
    /** Report name. */
    public static final String NAME = "log_mel_distance";
    /** Definition version. */
    public static final String VERSION = "1";

    /** Validates. */
    public LogMelDistance {
        if (hop < 1 || winLength < 1 || winLength > nFft || nMels < 1 || !(eps > 0)) {
            throw new IllegalArgumentException("bad log-mel parameters");
        }
    }

    /** The default parameters above. */
    public static LogMelDistance standard() {
        return new LogMelDistance(1024, 256, 1024, 80, 1e-5);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Metric compute(AudioBuffer reference, AudioBuffer estimate) {
        float[][] p = SignalChecks.pair(NAME, reference, estimate);
        int sr = reference.sampleRate();
        MelFilterbank fb = new MelFilterbank(sr, nFft, nMels, 0, sr / 2.0);
        double[][] a = Spectrogram.magnitude(NAME, p[0], nFft, hop, winLength);
        double[][] b = Spectrogram.magnitude(NAME, p[1], nFft, hop, winLength);
        double sum = 0;
        for (int t = 0; t < a.length; t++) {
            double[] ma = fb.apply(a[t]);
            double[] mb = fb.apply(b[t]);
            for (int m = 0; m < nMels; m++) {
                sum += Math.abs(Math.log(ma[m] + eps) - Math.log(mb[m] + eps));
            }
        }
        double v = SignalChecks.finite(NAME, sum / ((double) a.length * nMels), "log-mel difference");
        return new Metric(NAME, v, "ln-mel L1", false, VERSION, Map.of("n_fft", "" + nFft, "hop", "" + hop,
                "win_length", "" + winLength, "n_mels", "" + nMels, "f_min", "0", "f_max", "" + sr / 2,
                "eps", "" + eps, "sample_rate", "" + sr, "mel_scale", "htk", "magnitude", "linear"));
    }
}
