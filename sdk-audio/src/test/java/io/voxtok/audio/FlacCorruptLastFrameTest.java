package io.voxtok.audio;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Damage in the last FLAC frame is an error, like damage anywhere else (issue #16: it was dropped with only a
 * warning), while a last frame cut off by the end of the file is still the tested truncation repair.
 */
class FlacCorruptLastFrameTest {
    @TempDir
    Path tmp;

    /** Byte positions counted from the end of the file, all inside the last frame (CRC, padding, samples). */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 20, 500})
    void flippedByteInTheLastFrameIsAnError(int fromEnd) throws IOException {
        byte[] b = AudioFixtures.readBytes("flacsig_s16_stereo_16000.flac");
        b[b.length - fromEnd] ^= 0x5A;
        Path f = Files.write(tmp.resolve("damaged.flac"), b);
        VoxtokException e = assertThrows(VoxtokException.class, () -> FlacReader.read(f));
        assertEquals(ErrorKind.USER_INPUT, e.kind());
        assertTrue(e.getMessage().startsWith(f + ": corrupt"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 20, 500})
    void lastFrameCutOffIsStillReadUpToTheLastWholeFrame(int cut) throws IOException {
        byte[] b = AudioFixtures.readBytes("flacsig_s16_stereo_16000.flac");
        Path f = Files.write(tmp.resolve("cut.flac"), Arrays.copyOf(b, b.length - cut));
        assertEquals(8192, FlacReader.read(f).frames()); // two whole 4096-sample frames of 10000
    }
}
