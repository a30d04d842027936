package io.voxtok.metrics;

import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.bench.Metric;
import java.util.Map;

/**
 * Scale-invariant signal-to-distortion ratio (Le Roux et al., "SDR - half-baked or well done?", ICASSP 2019),
 * in dB. Both signals are made zero-mean; with {@code a = <s, e> / <s, s>}, target {@code t = a s} and noise
 * {@code n = e - t}: {@code SI-SDR = 10 log10((|t|^2 + eps) / (|n|^2 + eps))}, {@code eps = 1e-8} (so identical
 * signals give a large finite value instead of infinity). A silent reference is an error.
 */
public final class SiSdr implements PairedSignalMetric {
    /** Report name. */
    public static final String NAME = "si_sdr";
    /** Definition version. */
    public static final String VERSION = "1";
    static final double EPS = 1e-8;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Metric compute(AudioBuffer reference, AudioBuffer estimate) {
        float[][] p = SignalChecks.pair(NAME, reference, estimate);
        return new Metric(NAME, value(p[0], p[1]), "dB", true, VERSION, Map.of("zero_mean", "true", "eps", "1e-8"));
    }

    static double value(float[] s, float[] e) {
        double ms = 0;
        double me = 0;
        for (int i = 0; i < s.length; i++) {
            ms += s[i];
            me += e[i];
        }
        ms /= s.length;
        me /= e.length;
        double ss = 0;
        double se = 0;
        for (int i = 0; i < s.length; i++) {
            double a = s[i] - ms;
            ss += a * a;
            se += a * (e[i] - me);
        }
        if (ss == 0) {
            throw VoxtokException.userInput(NAME + ": the reference is silent (constant), SI-SDR is undefined");
        }
        double alpha = se / ss;
        double tt = 0;
        double nn = 0;
        for (int i = 0; i < s.length; i++) {
            double t = alpha * (s[i] - ms);
            double n = (e[i] - me) - t;
            tt += t * t;
            nn += n * n;
        }
        return SignalChecks.finite(NAME, 10 * Math.log10((tt + EPS) / (nn + EPS)), "energy ratio");
    }
}
