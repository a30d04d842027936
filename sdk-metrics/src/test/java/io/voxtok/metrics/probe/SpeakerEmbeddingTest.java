package io.voxtok.metrics.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.metrics.SpeakerEmbedding;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SpeakerEmbeddingTest {
    /** A crude voice: harmonics of {@code f0} (jittered) through a resonance at {@code formant}, plus noise. */
    private static float[] voice(double f0, double formant, Random r) {
        int n = 8000;
        float[] x = new float[n];
        double pitch = f0 * (1 + 0.05 * r.nextGaussian());
        for (int h = 1; h * pitch < 7000; h++) {
            double f = h * pitch;
            double gain = 1 / (1 + Math.pow((f - formant) / 300, 2));
            double phase = r.nextDouble() * 2 * Math.PI;
            for (int i = 0; i < n; i++) {
                x[i] += (float) (0.1 * gain * Math.sin(2 * Math.PI * f * i / 16000 + phase));
            }
        }
        for (int i = 0; i < n; i++) {
            x[i] += (float) (0.001 * r.nextGaussian());
        }
        return x;
    }

    @Test
    void embeddingHasMeansThenDeviations() {
        double[] e = SpeakerEmbedding.of(voice(120, 700, new Random(1)));
        assertEquals(SpeakerEmbedding.DIMENSION, e.length);
        for (int k = SpeakerEmbedding.MELS; k < e.length; k++) {
            assertTrue(e[k] >= 0);
        }
    }

    @Test
    void twoSyntheticSpeakersAreSeparated() {
        Random r = new Random(42);
        List<SpeakerProbe.Example> ex = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ex.add(new SpeakerProbe.Example("a" + i, "low", SpeakerEmbedding.of(voice(110, 600, r))));
            ex.add(new SpeakerProbe.Example("b" + i, "high", SpeakerEmbedding.of(voice(230, 1800, r))));
        }
        assertEquals(1.0, SpeakerProbe.run(ex).accuracy(), 1e-12);
        // Nearer its own speaker's mean embedding than the other's.
        double[] lowMean = new double[SpeakerEmbedding.DIMENSION];
        double[] highMean = new double[SpeakerEmbedding.DIMENSION];
        for (SpeakerProbe.Example e : ex) {
            double[] m = e.speaker().equals("low") ? lowMean : highMean;
            for (int j = 0; j < m.length; j++) {
                m[j] += e.features()[j] / 8;
            }
        }
        double[] probe = SpeakerEmbedding.of(voice(110, 600, r));
        assertTrue(distance(probe, lowMean) < distance(probe, highMean));
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return s;
    }
}
