package io.voxtok.audio;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A WAV header declaring an absurd sample rate is refused at read time (issue #16: 1 or 8 Hz hung resampling). */
class WavSampleRateLimitTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 8, 999, 768_001, Integer.MAX_VALUE, -1})
    void rateOutsideTheSaneRangeIsRefused(int rate) throws IOException {
        Path f = Files.write(tmp.resolve("rate.wav"), WavReaderTest.wav(1, 1, rate, 16, 2, new byte[4]));
        VoxtokException e = assertThrows(VoxtokException.class, () -> WavReader.read(f));
        assertEquals(ErrorKind.USER_INPUT, e.kind());
        long declared = rate & 0xFFFF_FFFFL; // the field is unsigned 32-bit
        assertEquals(f + ": unsupported sample rate " + declared + " Hz in 'fmt ' chunk (expected 1000 to 768000 Hz)",
                e.getMessage());
    }

    @Test
    void readAsRefusesBeforeResampling() throws IOException {
        // the path that used to hang: reading an 8 Hz file at 16 kHz
        Path f = Files.write(tmp.resolve("slow.wav"), WavReaderTest.wav(1, 1, 8, 16, 2, new byte[400]));
        VoxtokException e = assertThrows(VoxtokException.class, () -> AudioReader.readAs(f, 16000, 1));
        assertEquals(ErrorKind.USER_INPUT, e.kind());
        assertEquals(f + ": unsupported sample rate 8 Hz in 'fmt ' chunk (expected 1000 to 768000 Hz)",
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 768_000})
    void boundsAreAccepted(int rate) throws IOException {
        Path f = Files.write(tmp.resolve("ok.wav"), WavReaderTest.wav(1, 1, rate, 16, 2, new byte[4]));
        assertEquals(rate, WavReader.read(f).sampleRate());
    }

    @Test
    void zeroChannelsIsRefused() throws IOException {
        Path f = Files.write(tmp.resolve("mute.wav"), WavReaderTest.wav(1, 0, 16000, 16, 0, new byte[4]));
        VoxtokException e = assertThrows(VoxtokException.class, () -> WavReader.read(f));
        assertEquals(f + ": invalid 'fmt ' chunk: 0 channels", e.getMessage());
    }
}
