package io.voxtok.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Audio made in memory is bounded like audio read from files (issue #16): resampling from or to a rate outside
 * 1 kHz to 768 kHz is one {@code USER_INPUT} error naming both rates, at once, instead of building an output thousands
 * of times longer than the input for minutes.
 */
class ResamplerRateLimitTest {
    @ParameterizedTest
    @CsvSource({"8, 16000", "1, 16000", "999, 16000", "16000, 8", "16000, 768001", "2000000, 16000", "-5, 16000"})
    void aRateOutsideTheReadersBoundsIsRefusedAtOnce(int from, int to) {
        VoxtokException e = assertThrows(VoxtokException.class, () -> new Resampler(from, to));
        assertEquals(ErrorKind.USER_INPUT, e.kind());
        assertEquals("cannot resample audio from " + from + " Hz to " + to + " Hz: sample rates must be 1000 to"
                + " 768000 Hz", e.getMessage());
        if (from > 0) {
            // two minutes of audio at the odd rate (at most 2^20 samples): refused before any work is done
            AudioBuffer audio = AudioBuffer.ofMono(new float[Math.min(from * 120, 1 << 20)], from);
            assertTimeoutPreemptively(Duration.ofSeconds(2),
                    () -> assertThrows(VoxtokException.class, () -> Resampler.resample(audio, to)));
        }
    }

    @Test
    void theBoundsThemselvesAreAccepted() {
        assertEquals(768, new Resampler(1000, 768_000).outputFrames(1));
        assertEquals(1, new Resampler(768_000, 1000).outputFrames(768));
    }

    @Test
    void equalRatesNeedNoResamplingWhateverTheyAre() {
        AudioBuffer toy = AudioBuffer.ofMono(new float[16], 40);
        assertSame(toy, Resampler.resample(toy, 40));
    }
}
