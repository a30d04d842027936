package io.voxtok.plugin.uslm.training;

import io.voxtok.testkit.fuzz.MutationFuzzer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutation fuzzing of the USLM training configuration reader (issue #16): every case either reads or fails with
 * a {@code USER_INPUT} error naming the file; extreme numbers land in the trainer fields too.
 */
class UslmTrainingConfigFuzzTest {
    @TempDir
    Path dir;

    @Test
    void trainingConfig() throws IOException {
        Path recipe = Path.of(System.getProperty("voxtok.root"), "configs", "uslm", "small.json");
        MutationFuzzer.of("uslm-training-config", "json", UslmTrainingConfig::read).text().defaultIterations(1000)
                .seed(Files.readAllBytes(recipe)).run(dir.resolve("cases")).assertNoFindings();
    }
}
