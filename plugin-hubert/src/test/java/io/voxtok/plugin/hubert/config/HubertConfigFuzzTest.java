package io.voxtok.plugin.hubert.config;

import io.voxtok.plugin.hubert.HubertFixture;
import io.voxtok.testkit.fuzz.MutationFuzzer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutation fuzzing of the HuBERT {@code config.json} and {@code preprocessor_config.json} readers (issue #16):
 * every case either reads within the configuration bounds or fails with a {@code USER_INPUT} error naming the file.
 */
class HubertConfigFuzzTest {
    @TempDir
    Path dir;

    @Test
    void config() throws IOException {
        MutationFuzzer.of("hubert-config", "json", HubertConfig::read).text().defaultIterations(1000)
                .seed(Files.readAllBytes(HubertFixture.dir().resolve("config.json")))
                .run(dir.resolve("cases")).assertNoFindings();
    }

    @Test
    void preprocessorConfig() throws IOException {
        MutationFuzzer.of("hubert-preprocessor", "json", PreprocessorConfig::read).text().defaultIterations(1000)
                .seed(Files.readAllBytes(HubertFixture.dir().resolve("preprocessor_config.json")))
                .run(dir.resolve("cases")).assertNoFindings();
    }
}
