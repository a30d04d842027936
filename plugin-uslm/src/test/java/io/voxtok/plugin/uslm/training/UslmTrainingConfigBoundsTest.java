package io.voxtok.plugin.uslm.training;

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
 * A USLM training configuration is bounded at read time (issue #16): the architecture as {@code UslmConfig} bounds
 * it (before any corpus is read) and the trainer fields by {@code TrainingBounds}; negative, absurd or
 * out-of-{@code int} values are one {@code USER_INPUT} error naming the file and the field.
 */
class UslmTrainingConfigBoundsTest {
    @TempDir
    Path tmp;

    private static Path recipe() {
        return Path.of(System.getProperty("voxtok.root"), "configs", "uslm", "small.json");
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
        assertEquals(recipe(), UslmTrainingConfig.read(recipe()).source());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"learning_rate\": -0.001|learning_rate",
            "\"learning_rate\": 1e300|learning_rate",
            "\"betas\": [1.5, 0.98]|betas[0]",
            "\"warmup_steps\": -1|warmup_steps",
            "\"warmup_steps\": 1000000000000|warmup_steps",
            "\"initial_learning_rate\": -1|initial_learning_rate",
            "\"min_learning_rate\": 1e300|min_learning_rate",
            "\"max_duration\": 1e300|max_duration",
            "\"max_duration\": -1|max_duration",
            "\"num_buckets\": 1000000000|num_buckets",
            "\"max_steps\": 2000000000|max_steps",
            "\"valid_steps\": 0|valid_steps",
            "\"save_steps\": 1000000000000|save_steps",
            "\"checkpoints_kept\": 0|checkpoints_kept",
            "\"valid_items\": -1|valid_items",
            "\"grad_clip_norm\": -1|grad_clip_norm",
            "\"grad_clip_norm\": 1e300|grad_clip_norm",
            "\"d_model\": 1073741824, \"nhead\": 16|d_model",
            "\"num_layers\": 1000000|num_layers",
            "\"d_model\": 4096, \"nhead\": 16, \"num_layers\": 64|parameters",
    })
    void absurdTrainerFieldIsRefusedByName(String override, String field) throws IOException {
        Path f = config(override);
        VoxtokException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(VoxtokException.class, () -> UslmTrainingConfig.read(f)));
        assertEquals(ErrorKind.USER_INPUT, e.kind());
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains(field), e.getMessage());
    }

    @Test
    void anAbsurdFrameBudgetIsRefusedByName() throws IOException {
        Map<String, Object> c = new LinkedHashMap<>(Json.readObject(recipe()));
        c.remove("max_duration");
        String base = Json.write(c).strip();
        Path f = Files.writeString(tmp.resolve("frames.json"), base.substring(0, base.length() - 1)
                + ", \"max_frames\": 1e300}");
        VoxtokException e = assertThrows(VoxtokException.class, () -> UslmTrainingConfig.read(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("max_frames"), e.getMessage());
    }
}
