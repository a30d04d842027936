package io.voxtok.plugin.phoneteacher.training;

import io.voxtok.testkit.fuzz.MutationFuzzer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutation fuzzing of the phone-teacher training configuration reader (issue #16): every case either reads or fails with
 * a {@code USER_INPUT} error naming the file; extreme numbers land in the trainer fields too.
 */
class TeacherTrainingConfigFuzzTest {
    @TempDir
    Path dir;

    @Test
    void trainingConfig() throws IOException {
        Path recipe = Path.of(System.getProperty("voxtok.root"), "configs", "phone_teacher.json");
        MutationFuzzer.of("phone-teacher-training-config", "json", TeacherTrainingConfig::read).text().defaultIterations(1000)
                .seed(Files.readAllBytes(recipe)).run(dir.resolve("cases")).assertNoFindings();
    }
}
