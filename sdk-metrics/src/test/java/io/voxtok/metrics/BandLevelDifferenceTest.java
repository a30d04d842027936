package io.voxtok.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.voxtok.api.audio.AudioBuffer;
import org.junit.jupiter.api.Test;

class BandLevelDifferenceTest {
    private static AudioBuffer tones(double a300, double a1500) {
        float[] x = new float[16000];
        for (int i = 0; i < x.length; i++) {
            double t = i / 16000.0;
            x[i] = (float) (a300 * Math.sin(2 * Math.PI * 312.5 * t) + a1500 * Math.sin(2 * Math.PI * 1500 * t));
        }
        return AudioBuffer.ofMono(x, 16000);
    }

    @Test
    void halvingOneToneLowersItsBandBySixDecibelsAndLeavesTheOthers() {
        AudioBuffer ref = tones(0.5, 0.2);
        AudioBuffer est = tones(0.5, 0.1);
        // 20 log10(0.5) = -6.0206 dB in the band holding the 1500 Hz tone (up to the other tone's leakage through
        // the edges of the reflect-padded frames); the 312.5 Hz tone is untouched
        assertEquals(20 * Math.log10(0.5), new BandLevelDifference(1000, 2000).compute(ref, est).value(), 0.01);
        assertEquals(0.0, new BandLevelDifference(0, 500).compute(ref, est).value(), 0.01);
        assertEquals(0.0, new BandLevelDifference(0, 500).compute(ref, ref).value(), 1e-12);
    }

    @Test
    void aBandTheEstimateDropsIsVeryNegativeButFinite() {
        double v = new BandLevelDifference(1000, 2000).compute(tones(0.5, 0.2), tones(0.5, 0)).value();
        // only the 312.5 Hz tone's leakage is left in the band: far below the reference's level, and finite
        assertEquals(true, v < -30 && Double.isFinite(v), "got " + v);
    }

    @Test
    void namesAndBounds() {
        assertEquals("band_level_db_500_1000hz", new BandLevelDifference(500, 1000).name());
        assertEquals(5, BandLevelDifference.speechBands().size());
        assertThrows(IllegalArgumentException.class, () -> new BandLevelDifference(2000, 1000));
    }
}
