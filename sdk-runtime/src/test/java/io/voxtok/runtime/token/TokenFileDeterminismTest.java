package io.voxtok.runtime.token;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.token.TokenMatrix;
import io.voxtok.api.token.TokenProducer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Identical tokens and metadata give byte-identical {@code .vtok} files (issue #16: the metadata key order, taken
 * from an immutable map whose order is salted per JVM run, made the bytes differ between runs).
 */
class TokenFileDeterminismTest {
    @TempDir
    Path dir;

    private static final TokenMatrix T = TokenMatrix.single(new int[][] {{1, 2, 3}}, 0, 1024, 50.0,
            new TokenProducer("speechtokenizer", "default", "ab12cd"));

    @Test
    void metadataBuiltInAnyOrderWritesTheSameBytes() throws Exception {
        Map<String, String> forward = new LinkedHashMap<>();
        Map<String, String> backward = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            forward.put("key" + i, "v" + i);
            backward.put("key" + (19 - i), "v" + (19 - i));
        }
        Path a = dir.resolve("a.vtok");
        Path b = dir.resolve("b.vtok");
        TokenFile.write(a, new TokenFileContents(T, 16000, 320, forward));
        TokenFile.write(b, new TokenFileContents(T, 16000, 320, backward));
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    @Test
    void metadataKeysAreWrittenSorted() throws Exception {
        // sorted, not merely stable within this JVM: the order of a 20-key immutable map is salted per run
        Map<String, String> meta = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            meta.put("key" + (char) ('a' + (i * 7) % 20), "v");
        }
        Path f = dir.resolve("sorted.vtok");
        TokenFile.write(f, new TokenFileContents(T, 16000, 320, meta));
        String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        int last = -1;
        for (char c = 'a'; c < 'a' + 20; c++) {
            int at = text.indexOf("\"key" + c + "\"");
            assertTrue(at > last, "key" + c + " out of order in " + text);
            last = at;
        }
    }
}
