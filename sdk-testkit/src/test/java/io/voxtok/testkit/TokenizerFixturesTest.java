package io.voxtok.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.token.TokenizerSpec;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

final class TokenizerFixturesTest {
    @Test
    void sameSeedGivesSameSamplesAndOtherSeedsDiffer() {
        float[] a = TokenizerFixtures.speechLike(4000, 16000, 3);
        assertArrayEquals(a, TokenizerFixtures.speechLike(4000, 16000, 3));
        assertFalse(Arrays.equals(a, TokenizerFixtures.speechLike(4000, 16000, 4)));
    }

    @Test
    void peakIsHalfScaleAndSignalIsNotSilent() {
        float[] x = TokenizerFixtures.speechLike(16000, 16000, 1);
        double peak = 0;
        double energy = 0;
        for (float v : x) {
            peak = Math.max(peak, Math.abs(v));
            energy += v * v;
        }
        assertEquals(TokenizerFixtures.PEAK, peak, 1e-6);
        double rms = Math.sqrt(energy / x.length);
        assertTrue(rms > 0.05 && rms < 0.3, "speech-like RMS (crest factor 2 to 10), got " + rms);
    }

    @Test
    void dominantPitchIsInTheSpeechRange() {
        // The autocorrelation peak between 2 ms and 12.5 ms lags (80 to 500 Hz) gives the fundamental.
        int rate = 16000;
        float[] x = TokenizerFixtures.speechLike(rate / 4, rate, 7);
        int best = 0;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (int lag = rate / 500; lag <= rate / 80; lag++) {
            double r = 0;
            for (int i = 0; i + lag < x.length; i++) {
                r += x[i] * x[i + lag];
            }
            if (r > bestValue) {
                bestValue = r;
                best = lag;
            }
        }
        double f0 = rate / (double) best;
        assertTrue(f0 >= 80 && f0 <= 220, "fundamental " + f0 + " Hz");
    }

    @Test
    void specFormatHasItsChannelsAndRate() {
        TokenizerSpec stereo = new TokenizerSpec(24000, 2, 320, 8, 1024, 0, false, false);
        AudioBuffer audio = TokenizerFixtures.speechLike(stereo, 1000, 5);
        assertEquals(24000, audio.sampleRate());
        assertEquals(2, audio.channels());
        assertEquals(1000, audio.frames());
        assertArrayEquals(TokenizerFixtures.speechLike(1000, 24000, 6), audio.channel(1));
        assertEquals(3 * 320 + 7, TokenizerFixtures.samplesFor(stereo, 3, 7));
    }
}
