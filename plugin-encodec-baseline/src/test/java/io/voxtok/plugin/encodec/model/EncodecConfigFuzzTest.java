package io.voxtok.plugin.encodec.model;

import io.voxtok.plugin.encodec.EncodecFixture;
import io.voxtok.testkit.fuzz.MutationFuzzer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutation fuzzing of the EnCodec {@code config.json} reader (issue #16): every case either gives a configuration
 * within its bounds or fails with a {@code USER_INPUT} error naming the file.
 */
class EncodecConfigFuzzTest {
    @TempDir
    Path dir;

    @Test
    void config() throws IOException {
        MutationFuzzer.of("encodec-config", "json", EncodecConfigReader::read).text().defaultIterations(1000)
                .seed(Files.readAllBytes(EncodecFixture.dir().resolve("config.json")))
                .run(dir.resolve("cases")).assertNoFindings();
    }
}
