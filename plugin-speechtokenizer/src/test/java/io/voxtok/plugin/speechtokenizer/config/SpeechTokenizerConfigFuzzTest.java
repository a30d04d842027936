package io.voxtok.plugin.speechtokenizer.config;

import io.voxtok.plugin.speechtokenizer.SharedFixtures;
import io.voxtok.testkit.fuzz.MutationFuzzer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutation fuzzing of the SpeechTokenizer {@code config.json} reader (issue #16: absurd sizes ran out of memory or
 * reached the native allocator): every case either gives a configuration within {@code ConfigBounds} or fails with
 * a {@code USER_INPUT} error naming the file. Text mutations put extreme numbers (1e309, 2^31, -1, NaN) into every
 * field and nest structures deeply.
 */
class SpeechTokenizerConfigFuzzTest {
    @TempDir
    Path dir;

    @Test
    void config() throws IOException {
        MutationFuzzer.of("speechtokenizer-config", "json", SpeechTokenizerConfig::read).text().defaultIterations(1000)
                .seed(Files.readAllBytes(SharedFixtures.dir("speechtokenizer").resolve("config.json")))
                .run(dir.resolve("cases")).assertNoFindings();
    }
}
