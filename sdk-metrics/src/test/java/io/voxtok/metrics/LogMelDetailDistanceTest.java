package io.voxtok.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.audio.AudioBuffer;
import org.junit.jupiter.api.Test;

class LogMelDetailDistanceTest {
    private static final int SR = 16000;

    /** A 220 Hz chirp with a slow tremolo, 1 s, then 0.25 s of it 60 dB quieter (not speech frames). */
    private static float[] reference() {
        float[] x = new float[20000];
        for (int i = 0; i < x.length; i++) {
            double t = i / (double) SR;
            double v = Math.sin(2 * Math.PI * (220 * t + 150 * t * t)) * (0.5 + 0.4 * Math.sin(2 * Math.PI * 3 * t));
            x[i] = (float) (i >= 16000 ? v * 0.001 : v);
        }
        return x;
    }

    @Test
    void matchesAnIndependentNumpyComputation() {
        float[] est = new float[20000];
        for (int i = 0; i < est.length; i++) {
            double t = i / (double) SR;
            est[i] = (float) (0.3 * Math.sin(2 * Math.PI * (220 * t + 150 * t * t))
                    * (0.5 + 0.4 * Math.sin(2 * Math.PI * 5 * t)) + 0.05 * Math.sin(2 * Math.PI * 2000 * t));
        }
        AudioBuffer ref = AudioBuffer.ofMono(reference(), SR);
        AudioBuffer hyp = AudioBuffer.ofMono(est, SR);
        // numpy (float64 STFT of the same float32 samples, reflect padding, periodic Hann, HTK mels without
        // normalisation): plain 1.8441635872 over 79 frames, level-compensated 0.9713556567 over the 65 speech frames
        assertEquals(1.8441635872, LogMelDistance.standard().compute(ref, hyp).value(), 1e-6);
        assertEquals(0.9713556567, new LogMelDetailDistance().compute(ref, hyp).value(), 1e-6);
    }

    @Test
    void aStaticGainCostsNothingWhileThePlainDistanceSeesIt() {
        // the chirp plus a pulse train every 97 samples, so that every mel band holds energy far above eps
        float[] ref = reference();
        for (int i = 0; i < ref.length; i += 97) {
            ref[i] += 0.3f;
        }
        float[] quieter = new float[ref.length];
        for (int i = 0; i < ref.length; i++) {
            quieter[i] = ref[i] * 0.3f;
        }
        AudioBuffer a = AudioBuffer.ofMono(ref, SR);
        AudioBuffer b = AudioBuffer.ofMono(quieter, SR);
        // numpy on the same signals: plain 1.20370 (ln(1/0.3) = 1.20397 up to eps), level-compensated 0.00018
        assertEquals(1.2037, LogMelDistance.standard().compute(a, b).value(), 1e-3);
        double detail = new LogMelDetailDistance().compute(a, b).value();
        assertTrue(detail < 1e-3, "a gain is not detail, got " + detail);
    }

    @Test
    void aStaticEqualiserCostsLittleWhileTheDetailOfAnotherSignalCostsMuch() {
        float[] ref = reference();
        float[] smoothed = new float[ref.length];
        float[] other = new float[ref.length];
        for (int i = 0; i < ref.length; i++) {
            // a fixed two-tap low-pass: every band keeps its own constant gain
            smoothed[i] = 0.5f * ref[i] + 0.5f * (i > 0 ? ref[i - 1] : 0f);
            double t = i / (double) SR;
            other[i] = (float) (0.5 * Math.sin(2 * Math.PI * (600 - 200 * t) * t));
        }
        AudioBuffer a = AudioBuffer.ofMono(ref, SR);
        double eq = new LogMelDetailDistance().compute(a, AudioBuffer.ofMono(smoothed, SR)).value();
        double unrelated = new LogMelDetailDistance().compute(a, AudioBuffer.ofMono(other, SR)).value();
        // not exactly zero: the filter's gain varies inside a mel band while the chirp moves through it
        assertTrue(eq < 0.1, "a static filter, got " + eq);
        assertTrue(unrelated > 1.0, "a different sweep, got " + unrelated);
        assertEquals("log_mel_detail_distance", new LogMelDetailDistance().name());
    }
}
