package io.voxtok.plugin.speakerencoder.training;

import io.voxtok.testkit.fuzz.MutationFuzzer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutation fuzzing of the speaker-encoder training configuration reader (issue #16): every case either reads or fails with
 * a {@code USER_INPUT} error naming the file; extreme numbers land in the trainer fields too.
 */
class SpeakerTrainingConfigFuzzTest {
    @TempDir
    Path dir;

    @Test
    void trainingConfig() throws IOException {
        Path recipe = Path.of(System.getProperty("voxtok.root"), "configs", "speaker_encoder.json");
        MutationFuzzer.of("speaker-encoder-training-config", "json", SpeakerTrainingConfig::read).text().defaultIterations(1000)
                .seed(Files.readAllBytes(recipe)).run(dir.resolve("cases")).assertNoFindings();
    }
}
