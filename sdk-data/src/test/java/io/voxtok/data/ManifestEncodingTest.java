package io.voxtok.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression test for the finding of {@link ManifestFuzzTest} (issue #16): a manifest byte that is not UTF-8 (a
 * flipped high bit) ended in {@code UncheckedIOException: MalformedInputException}; it is a {@code USER_INPUT}
 * error naming the manifest and the line.
 */
class ManifestEncodingTest {
    @TempDir
    Path dir;

    @Test
    void aByteThatIsNotUtf8IsAUserInputErrorNamingTheLine() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write("{\"path\":\"a.wav\",\"text\":\"One.\",\"speaker\":\"s1\"}\n".getBytes(StandardCharsets.UTF_8));
        b.write("{\"path\":\"b.wav\",\"text\":\"Tw".getBytes(StandardCharsets.UTF_8));
        b.write(0xEF); // 'o' (0x6F) with bit 7 flipped, as fuzz case 9 did: a lone continuation-less lead byte
        b.write(".\",\"speaker\":\"s1\"}\n".getBytes(StandardCharsets.UTF_8));
        Path m = Files.write(dir.resolve("manifest.jsonl"), b.toByteArray());
        VoxtokException e = assertThrows(VoxtokException.class, () -> {
            try (Stream<CorpusEntry> s = new ManifestDataset(m).entries()) {
                assertEquals(1, s.limit(1).count(), "the first line still reads");
            }
            try (Stream<CorpusEntry> s = new ManifestDataset(m).entries()) {
                s.forEach(x -> { });
            }
        });
        assertEquals(ErrorKind.USER_INPUT, e.kind());
        assertEquals(m + ":2: not UTF-8 text", e.getMessage());
    }
}
