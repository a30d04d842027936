package io.voxtok.data;

import io.voxtok.testkit.fuzz.MutationFuzzer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutation fuzzing of the JSON Lines manifest reader (issue #16): every case either reads all its entries or fails
 * with a {@code USER_INPUT} error naming the manifest.
 */
class ManifestFuzzTest {
    @TempDir
    Path dir;

    @Test
    void manifest() {
        String lines = """
                {"id":"spk1_0001","path":"audio/spk1/spk1_0001.flac","text":"The old man sat.","speaker":"spk1","phonemes":["pau","dh","ax"],"alignment":[["pau",0.0,0.184],["dh",0.184,0.241],["ax",0.241,0.3]],"duration":2.17,"split":"train"}
                # a comment line
                {"path":"audio/spk2/u2.wav","text":"Hello there.","speaker":"spk2","duration":1.5}

                {"id":"u3","path":"/abs/u3.flac","text":"Third.","speaker":"spk3","split":"test"}
                """;
        MutationFuzzer.of("manifest", "jsonl", f -> {
            try (var s = new ManifestDataset(f).entries()) {
                s.forEach(e -> { });
            }
        }).text().defaultIterations(1000).seed(lines.getBytes(StandardCharsets.UTF_8))
                .run(dir.resolve("cases")).assertNoFindings();
    }
}
