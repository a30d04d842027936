package io.voxtok.audio;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Float WAV samples that are NaN, infinite or absurdly large are refused (issue #16: they silently gave all-zero
 * codes); loud but plausible samples past full scale are kept unchanged, not clipped.
 */
class WavFloatSampleValidationTest {
    @TempDir
    Path tmp;

    @Test
    void nanIsRefusedWithItsPosition() throws IOException {
        Path f = floatWav("nan.wav", 2, 0.5f, -0.5f, 0.25f, Float.NaN);
        assertRefused(f, "NaN float sample NaN in 'data' at frame 1, channel 1 (accepted: finite, |x| <= 64.0)");
    }

    @Test
    void infinityIsRefused() throws IOException {
        Path f = floatWav("inf.wav", 1, 0f, Float.NEGATIVE_INFINITY);
        assertRefused(f, "infinite float sample -Infinity in 'data' at frame 1, channel 0 (accepted: finite, "
                + "|x| <= 64.0)");
    }

    @Test
    void absurdFiniteValueIsRefused() throws IOException {
        Path f = floatWav("huge.wav", 1, 1e30f, 0f);
        assertRefused(f, "out-of-range float sample 1.0E30 in 'data' at frame 0, channel 0 (accepted: finite, "
                + "|x| <= 64.0)");
    }

    @Test
    void samplesPastFullScaleWithinTheLimitAreKeptUnclipped() throws IOException {
        float[] loud = {1.5f, -64f, 64f, -2f};
        assertArrayEquals(loud, WavReader.read(floatWav("loud.wav", 1, loud)).toArray());
    }

    private static void assertRefused(Path f, String problem) {
        VoxtokException e = assertThrows(VoxtokException.class, () -> WavReader.read(f));
        assertEquals(ErrorKind.USER_INPUT, e.kind());
        assertEquals(f + ": " + problem, e.getMessage());
    }

    private Path floatWav(String name, int channels, float... samples) throws IOException {
        ByteBuffer data = ByteBuffer.allocate(4 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float s : samples) {
            data.putFloat(s);
        }
        byte[] wav = WavReaderTest.wav(WavSampleFormat.TAG_IEEE_FLOAT, channels, 16000, 32, 4 * channels,
                data.array());
        return Files.write(tmp.resolve(name), wav);
    }
}
