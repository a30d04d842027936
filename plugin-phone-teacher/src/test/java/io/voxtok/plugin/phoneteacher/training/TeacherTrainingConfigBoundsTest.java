package io.voxtok.plugin.phoneteacher.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.modelio.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The trainer fields of a phone-teacher training configuration are bounded at read time (issue #16): negative,
 * infinite-like or absurd learning rates, batch sizes, crop lengths, steps and worker counts are one {@code USER_INPUT}
 * error naming the file and the field.
 */
class TeacherTrainingConfigBoundsTest {
    @TempDir
    Path tmp;

    private static Path recipe() {
        return Path.of(System.getProperty("voxtok.root"), "configs", "phone_teacher.json");
    }

    /**
     * The recipe with {@code override} (JSON members) replacing its fields, spliced in as text so that the numbers
     * reach the reader exactly as written.
     */
    private Path config(String override) throws IOException {
        Map<String, Object> c = new LinkedHashMap<>(Json.readObject(recipe()));
        c.keySet().removeIf(k -> override.contains("\"" + k + "\""));
        String base = Json.write(c).strip();
        return Files.writeString(tmp.resolve("train.json"), base.substring(0, base.length() - 1) + ", " + override
                + "}");
    }

    @Test
    void theRecipeReads() {
        assertEquals(recipe(), TeacherTrainingConfig.read(recipe()).source());
    }

    @Test
    void theTestConfigReads() {
        Path f = Path.of("src/test/resources/phone_teacher_tiny.json");
        assertEquals(f, TeacherTrainingConfig.read(f).source());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"learning_rate\": -0.001|learning_rate",
            "\"learning_rate\": 0|learning_rate",
            "\"learning_rate\": 1e300|learning_rate",
            "\"beta1\": 1.5|beta1",
            "\"beta2\": -0.1|beta2",
            "\"batch_size\": 1000000000|batch_size",
            "\"batch_size\": 0|batch_size",
            "\"segment_size\": 1000000000|segment_size",
            "\"batch_size\": 4096, \"segment_size\": 320000|\"batch_size\" x \"segment_size\"",
            "\"max_steps\": 2000000000|max_steps",
            "\"max_steps\": -1|max_steps",
            "\"valid_steps\": 0|valid_steps",
            "\"save_steps\": 2000000000|save_steps",
            "\"checkpoints_kept\": 0|checkpoints_kept",
            "\"valid_items\": -1|valid_items",
            "\"loader_threads\": 1000000000|loader_threads",
            "\"dropout\": 1.0|dropout",
            "\"dropout\": -0.5|dropout",
            "\"valid_seconds\": 1e300|valid_seconds",
            "\"valid_seconds\": 0|valid_seconds",
            "\"mel_warp\": 0.9|mel_warp",
    })
    void absurdTrainerFieldIsRefusedByName(String override, String field) throws IOException {
        Path f = config(override);
        VoxtokException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(VoxtokException.class, () -> TeacherTrainingConfig.read(f)));
        assertEquals(ErrorKind.USER_INPUT, e.kind());
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains(field), e.getMessage());
    }
}
