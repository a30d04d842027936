package io.voxtok.metrics.speaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.voxtok.api.VoxtokException;
import java.util.List;
import org.junit.jupiter.api.Test;

class EqualErrorRateTest {
    @Test
    void handComputedCrossingBetweenThresholds() {
        // thresholds 0.4 -> FAR 1/4, FRR 0; 0.7 -> FAR 1/4, FRR 1/3: the lines cross at 1/4
        EqualErrorRate r = EqualErrorRate.of(new double[] {0.9, 0.8, 0.4}, new double[] {0.7, 0.3, 0.2, 0.1});
        assertEquals(0.25, r.eer(), 1e-12);
        assertEquals(3, r.targetTrials());
        assertEquals(4, r.nonTargetTrials());
        // alpha = 0.25 / (0.25 + 1/12) = 0.75 of the way from 0.4 to 0.7
        assertEquals(0.625, r.threshold(), 1e-12);
    }

    @Test
    void oneSwappedPairOfTwoGivesOneHalf() {
        // at threshold 0.6: FAR 1/2 (0.6 accepted), FRR 1/2 (0.5 rejected)
        assertEquals(0.5, EqualErrorRate.of(new double[] {0.5, 0.9}, new double[] {0.1, 0.6}).eer(), 1e-12);
    }

    @Test
    void separatedScoresGiveZeroAndReversedGiveOne() {
        assertEquals(0.0, EqualErrorRate.of(new double[] {0.8, 0.9}, new double[] {0.1, 0.2}).eer(), 1e-12);
        assertEquals(1.0, EqualErrorRate.of(new double[] {0.1, 0.2}, new double[] {0.8, 0.9}).eer(), 1e-12);
    }

    @Test
    void tiedScoresGiveOneHalf() {
        assertEquals(0.5, EqualErrorRate.of(new double[] {0.3, 0.3}, new double[] {0.3, 0.3, 0.3}).eer(), 1e-12);
    }

    @Test
    void refusesEmptyOrNonFiniteScores() {
        assertThrows(VoxtokException.class, () -> EqualErrorRate.of(new double[0], new double[] {1}));
        assertThrows(VoxtokException.class, () -> EqualErrorRate.of(new double[] {Double.NaN}, new double[] {1}));
    }

    @Test
    void trialsPairEveryUtteranceOnceByCosine() {
        // speaker a points along x, b along y, with one a utterance tilted towards b
        List<float[]> emb = List.of(new float[] {1, 0}, new float[] {2, 0.1f}, new float[] {0, 1}, new float[] {0.1f, 3});
        EqualErrorRate r = SpeakerTrials.equalErrorRate(emb, List.of("a", "a", "b", "b"));
        assertEquals(2, r.targetTrials());
        assertEquals(4, r.nonTargetTrials());
        assertEquals(0.0, r.eer(), 1e-12);
        EqualErrorRate swapped = SpeakerTrials.equalErrorRate(emb, List.of("a", "b", "a", "b"));
        assertEquals(2, swapped.targetTrials());
        // targets {0, 0.083}, non-targets {0.033, 0.050, 0.999, 0.999}: FAR meets FRR at 1/2 at threshold 0.083
        assertEquals(0.5, swapped.eer(), 1e-12);
        assertEquals(1.0, SpeakerTrials.cosine(new float[] {1, 2}, new float[] {2, 4}), 1e-12);
        assertEquals(0.0, SpeakerTrials.cosine(new float[] {0, 0}, new float[] {2, 4}), 1e-12);
        assertThrows(VoxtokException.class, () -> SpeakerTrials.equalErrorRate(emb, List.of("a", "a", "a", "a")));
    }
}
