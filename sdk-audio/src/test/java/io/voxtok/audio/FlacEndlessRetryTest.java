package io.voxtok.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression tests for the three FLAC hangs {@link AudioReaderFuzzTest} found (issue #16): jflac retried a bad frame
 * header forever, once past a STREAMINFO sample count made too small and twice at the end of a damaged stream.
 * Each input is the fuzzer's case, rebuilt from the seed file and the mutation it reported.
 */
class FlacEndlessRetryTest {
    @TempDir
    Path dir;

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = FlacEndlessRetryTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    private void refusedQuickly(String name, byte[] bytes) throws IOException {
        Path f = Files.write(dir.resolve(name), bytes);
        VoxtokException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(VoxtokException.class, () -> AudioReader.read(f)));
        assertEquals(ErrorKind.USER_INPUT, e.kind());
        assertTrue(e.getMessage().startsWith(f + ": corrupt FLAC stream"), e.getMessage());
    }

    @Test
    void sampleCountMadeTooSmall() throws IOException {
        byte[] b = resource("flacsig_s24_mono_48000.flac"); // fuzz case 6985: byte @24 = 0
        b[24] = 0;
        refusedQuickly("case-06985.flac", b);
    }

    @Test
    void bitFlippedInTheLastFrame() throws IOException {
        byte[] b = resource("flacsig_s24_mono_48000.flac"); // fuzz case 9905: flip bit 1 @18848
        b[18848] ^= 1 << 1;
        refusedQuickly("case-09905.flac", b);
    }

    @Test
    void framesFilledWithOnes() throws IOException {
        byte[] b = resource("pcm_s16_stereo_16000.flac"); // fuzz case 14669: fill 31 @124 with 255
        Arrays.fill(b, 124, 124 + 31, (byte) 0xFF);
        refusedQuickly("case-14669.flac", b);
    }
}
