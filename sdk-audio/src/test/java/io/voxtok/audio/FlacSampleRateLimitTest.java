package io.voxtok.audio;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A FLAC STREAMINFO declaring an absurd sample rate is refused at read time (issue #16: 1 or 8 Hz hung). */
class FlacSampleRateLimitTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 8, 999, 768_001, 1_048_575})
    void rateOutsideTheSaneRangeIsRefused(int rate) throws IOException {
        byte[] b = AudioFixtures.readBytes("flacsig_s16_stereo_16000.flac");
        // STREAMINFO body starts at byte 8; the 20-bit rate fills body bytes 10, 11 and the high nibble of 12
        b[18] = (byte) (rate >>> 12);
        b[19] = (byte) (rate >>> 4);
        b[20] = (byte) ((b[20] & 0x0F) | ((rate & 0x0F) << 4));
        Path f = Files.write(tmp.resolve("rate.flac"), b);
        VoxtokException e = assertThrows(VoxtokException.class, () -> AudioReader.readAs(f, 16000, 1));
        assertEquals(ErrorKind.USER_INPUT, e.kind());
        assertEquals(f + ": unsupported sample rate " + rate + " Hz in FLAC STREAMINFO (expected 1000 to 768000 Hz)",
                e.getMessage());
    }
}
