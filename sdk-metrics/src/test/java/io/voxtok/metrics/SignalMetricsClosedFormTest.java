package io.voxtok.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Closed-form cases and input validation of the signal metrics. */
class SignalMetricsClosedFormTest {
    /** A speech-like test signal: harmonics under a 4 Hz syllable envelope plus a little noise. */
    static float[] speechLike(int n, int rate, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            double t = i / (double) rate;
            double env = 0.5 + 0.5 * Math.sin(2 * Math.PI * 4 * t);
            double s = 0;
            for (int h = 1; h <= 8; h++) {
                s += Math.sin(2 * Math.PI * 130 * h * t) / h;
            }
            x[i] = (float) (0.2 * env * s + 0.001 * r.nextGaussian());
        }
        return x;
    }

    private static final AudioBuffer X = AudioBuffer.ofMono(speechLike(16000, 16000, 1), 16000);

    @Test
    void identicalSignalsGivePerfectScores() {
        // 1 up to the 1e-10 regulariser in the correlation denominators.
        assertEquals(1.0, Stoi.stoi().compute(X, X).value(), 1e-7);
        assertEquals(1.0, Stoi.estoi().compute(X, X).value(), 1e-7);
        assertEquals(0.0, LogMelDistance.standard().compute(X, X).value(), 0);
        assertEquals(0.0, MultiResolutionStftDistance.standard().compute(X, X).value(), 0);
        assertTrue(new SiSdr().compute(X, X).value() > 80, "eps = 1e-8 caps the ratio");
    }

    @Test
    void stoiAndSiSdrIgnoreGain() {
        float[] y = X.toArray();
        for (int i = 0; i < y.length; i++) {
            y[i] *= 0.25f;
        }
        AudioBuffer q = AudioBuffer.ofMono(y, 16000);
        assertEquals(1.0, Stoi.stoi().compute(X, q).value(), 1e-7);
        assertEquals(1.0, Stoi.estoi().compute(X, q).value(), 1e-7);
        assertTrue(new SiSdr().compute(X, q).value() > 80, "eps = 1e-8 caps the ratio");
    }

    /** s = sin, n = 0.1 cos of the same frequency over whole periods: orthogonal, so SI-SDR = 20 dB exactly. */
    @Test
    void siSdrOfOrthogonalDistortion() {
        int n = 16000;
        float[] s = new float[n];
        float[] e = new float[n];
        for (int i = 0; i < n; i++) {
            double w = 2 * Math.PI * 100 * i / 16000.0;
            s[i] = (float) Math.sin(w);
            e[i] = (float) (Math.sin(w) + 0.1 * Math.cos(w));
        }
        assertEquals(20.0, new SiSdr().compute(AudioBuffer.ofMono(s, 16000), AudioBuffer.ofMono(e, 16000)).value(), 1e-4);
    }

    @Test
    void moreNoiseLowersStoi() {
        Random r = new Random(3);
        float[] a = X.toArray();
        float[] b = X.toArray();
        for (int i = 0; i < a.length; i++) {
            double g = r.nextGaussian();
            a[i] += (float) (0.01 * g);
            b[i] += (float) (0.1 * g);
        }
        double light = Stoi.stoi().compute(X, AudioBuffer.ofMono(a, 16000)).value();
        double heavy = Stoi.stoi().compute(X, AudioBuffer.ofMono(b, 16000)).value();
        assertTrue(light > heavy, light + " vs " + heavy);
    }

    @Test
    void everySignalMetricRejectsBadInput() {
        AudioBuffer other = AudioBuffer.ofMono(speechLike(16000, 16000, 2), 22050);
        AudioBuffer shorter = X.slice(0, 15000);
        float[] nan = X.toArray();
        nan[100] = Float.NaN;
        AudioBuffer withNan = AudioBuffer.ofMono(nan, 16000);
        AudioBuffer stereo = AudioBuffer.ofPlanar(new float[][] {X.toArray(), X.toArray()}, 16000);
        for (PairedSignalMetric m : ResynthesisEvaluator.defaultMetrics()) {
            assertTrue(assertThrows(VoxtokException.class, () -> m.compute(X, other)).getMessage().contains("sample rates"));
            assertTrue(assertThrows(VoxtokException.class, () -> m.compute(X, shorter)).getMessage().contains("lengths"));
            assertTrue(assertThrows(VoxtokException.class, () -> m.compute(X, withNan)).getMessage().contains("NaN"));
            assertTrue(assertThrows(VoxtokException.class, () -> m.compute(withNan, X)).getMessage().contains("NaN"));
            assertTrue(assertThrows(VoxtokException.class, () -> m.compute(stereo, stereo)).getMessage().contains("mono"));
        }
    }

    @Test
    void undefinedCasesFailInsteadOfReturningDefaults() {
        AudioBuffer silent = AudioBuffer.ofMono(new float[16000], 16000);
        assertThrows(VoxtokException.class, () -> new SiSdr().compute(silent, X));
        AudioBuffer tiny = X.slice(0, 4000);
        VoxtokException e = assertThrows(VoxtokException.class, () -> Stoi.stoi().compute(tiny, tiny));
        assertTrue(e.getMessage().contains("speech frames"), e.getMessage());
    }

    @Test
    void resultsRecordNameVersionAndParameters() {
        for (PairedSignalMetric m : List.of(new SiSdr(), LogMelDistance.standard(), MultiResolutionStftDistance.standard(),
                Stoi.stoi(), Stoi.estoi())) {
            var r = m.compute(X, X);
            assertEquals(m.name(), r.name());
            assertEquals("1", r.version());
            assertTrue(!r.parameters().isEmpty());
        }
    }
}
