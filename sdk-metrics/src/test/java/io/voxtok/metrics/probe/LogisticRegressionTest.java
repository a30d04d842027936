package io.voxtok.metrics.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LogisticRegressionTest {
    /** {@code speakers} classes of {@code per} examples in {@code dim} dimensions; separable when {@code offset} is large. */
    private static List<SpeakerProbe.Example> clusters(int speakers, int per, int dim, double offset, long seed) {
        Random r = new Random(seed);
        double[][] centres = new double[speakers][dim];
        for (double[] c : centres) {
            for (int j = 0; j < dim; j++) {
                c[j] = offset * r.nextGaussian();
            }
        }
        List<SpeakerProbe.Example> out = new ArrayList<>();
        for (int s = 0; s < speakers; s++) {
            for (int i = 0; i < per; i++) {
                double[] x = new double[dim];
                for (int j = 0; j < dim; j++) {
                    x[j] = centres[s][j] + r.nextGaussian();
                }
                out.add(new SpeakerProbe.Example(String.format("u%03d", s * per + i), "spk" + s, x));
            }
        }
        return out;
    }

    @Test
    void separableSpeakersAreIdentified() {
        SpeakerProbe.Result r = SpeakerProbe.run(clusters(5, 12, 20, 3, 3));
        assertEquals(5, r.speakers());
        assertEquals(0.2, r.chance(), 1e-12);
        assertEquals(30, r.trainUtterances());
        assertEquals(30, r.testUtterances());
        assertEquals(1.0, r.accuracy(), 1e-12);
    }

    @Test
    void randomFeaturesStayNearChance() {
        // Same centre for everyone: features say nothing about the speaker.
        double sum = 0;
        for (long seed = 0; seed < 5; seed++) {
            sum += SpeakerProbe.run(clusters(4, 40, 10, 0, seed)).accuracy();
        }
        double mean = sum / 5;
        assertTrue(Math.abs(mean - 0.25) < 0.12, "mean accuracy " + mean + " vs chance 0.25");
    }

    @Test
    void fitIsDeterministicAndProbabilitiesSumToOne() {
        List<SpeakerProbe.Example> ex = clusters(3, 10, 6, 2, 11);
        double[][] x = ex.stream().map(SpeakerProbe.Example::features).toArray(double[][]::new);
        int[] y = ex.stream().mapToInt(e -> Integer.parseInt(e.speaker().substring(3))).toArray();
        double[] a = LogisticRegression.fit(x, y, 3).probabilities(x[0]);
        double[] b = LogisticRegression.fit(x, y, 3).probabilities(x[0]);
        assertEquals(a[0], b[0], 0);
        assertEquals(1.0, a[0] + a[1] + a[2], 1e-12);
    }

    @Test
    void speakersWithTooFewUtterancesAreSkipped() {
        List<SpeakerProbe.Example> ex = new ArrayList<>(clusters(2, 6, 4, 3, 5));
        ex.add(new SpeakerProbe.Example("z1", "rare", new double[4]));
        SpeakerProbe.Result r = SpeakerProbe.run(ex);
        assertEquals(List.of("rare"), r.skippedSpeakers());
        assertEquals(2, r.speakers());
    }
}
