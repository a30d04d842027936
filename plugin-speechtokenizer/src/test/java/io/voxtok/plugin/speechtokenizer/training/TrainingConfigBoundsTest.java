package io.voxtok.plugin.speechtokenizer.training;

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
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The trainer fields of a SpeechTokenizer training configuration are bounded at read time (issue #16): NaN-like,
 * negative or absurd steps, batch sizes, crop lengths, learning rates, loss weights and worker counts are one
 * {@code USER_INPUT} error naming the file and the field, instead of training towards garbage with exit 0 or running
 * out of memory after the corpus is loaded. The recipes in {@code configs/} still read.
 */
class TrainingConfigBoundsTest {
    @TempDir
    Path tmp;

    private static Path recipe(String name) {
        return Path.of(System.getProperty("voxtok.root"), "configs", name);
    }

    /**
     * The CPU recipe with {@code override} (JSON members) replacing its fields, spliced in as text
     * so that the numbers reach the reader exactly as written.
     */
    private Path config(String override) throws IOException {
        Map<String, Object> c = new LinkedHashMap<>(Json.readObject(recipe("speechtokenizer_train_cpu.json")));
        c.keySet().removeIf(k -> override.contains("\"" + k + "\""));
        String base = Json.write(c).strip();
        return Files.writeString(tmp.resolve("train.json"), base.substring(0, base.length() - 1) + ", " + override
                + "}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"speechtokenizer_train_cpu.json", "speechtokenizer_small.json",
            "speechtokenizer_official.json", "speechtokenizer_train_official_step.json", "codec_small_nodistill.json",
            "speechtokenizer_gpu_recipe.json", "speechtokenizer_small_mel_lr3e-3.json",
            "codec_small_nodistill_mel_lr3e-3.json", "speechtokenizer_small_l1_lr3e-4.json",
            "codec_small_nodistill_l1_lr3e-4.json", "speechtokenizer_small_decoder_gan.json"})
    void theRecipesRead(String name) {
        assertEquals(recipe(name), TrainingConfig.read(recipe(name)).source());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/training/tiny.json", "/training/tiny-drift.json", "/training/overfit.json"})
    void theTestConfigsRead(String resource) throws Exception {
        Path f = Path.of(getClass().getResource(resource).toURI());
        assertEquals(f, TrainingConfig.read(f).source());
    }

    @Test
    void theOfficialTrainerFixtureReads() {
        Path f = Path.of(System.getProperty("voxtok.shared"), "fixtures", "parity", "training", "config.json");
        assertEquals(f, TrainingConfig.read(f).source());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"learning_rate\": -0.001|learning_rate",
            "\"learning_rate\": 0|learning_rate",
            "\"learning_rate\": 1e300|learning_rate",
            "\"intial_learning_rate\": -1|intial_learning_rate",
            "\"betas\": [1.5, 0.99]|betas[0]",
            "\"betas\": [0.9, -0.1]|betas[1]",
            "\"num_warmup_steps\": -5|num_warmup_steps",
            "\"epochs\": -1|epochs",
            "\"batch_size\": 1000000000|batch_size",
            "\"segment_size\": 1000000000|segment_size",
            "\"batch_size\": 4096, \"segment_size\": 480000|\"batch_size\" x \"segment_size\"",
            "\"max_steps\": 2000000000|max_steps",
            "\"t_max\": 0|t_max",
            "\"grad_clip_norm\": -1|grad_clip_norm",
            "\"grad_skip_norm\": 1e300|grad_skip_norm",
            "\"max_nonfinite_steps\": 1000000000|max_nonfinite_steps",
            "\"kmeans_iters\": 1000000000|kmeans_iters",
            "\"threshold_ema_dead_code\": -1|threshold_ema_dead_code",
            "\"kmeans_init_batches\": 1000000000|kmeans_init_batches",
            "\"kmeans_reinit_every\": -3|kmeans_reinit_every",
            "\"quantizer_warmup_steps\": 2000000000|quantizer_warmup_steps",
            "\"save_model_steps\": 0|save_model_steps",
            "\"log_steps\": -1|log_steps",
            "\"num_ckpt_keep\": 0|num_ckpt_keep",
            "\"valid_items\": -1|valid_items",
            "\"valid_seconds\": 1e300|valid_seconds",
            "\"valid_seconds\": -1|valid_seconds",
            "\"loader_threads\": 1000000000|loader_threads",
            "\"dev_speakers\": -1|dev_speakers",
            "\"recon_loss_lambda\": -1|recon_loss_lambda",
            "\"distill_loss_lambda\": 1e300|distill_loss_lambda",
            "\"distill_target_centering\": \"yes\"|distill_target_centering",
            "\"mel_loss_lambdas\": [45, 1e300]|mel_loss_lambdas",
            "\"mel_loss_lambdas\": []|mel_loss_lambdas",
            "\"mpd_periods\": [2, 1000000000]|mpd_periods",
            "\"mpd_width_divisor\": 0|mpd_width_divisor",
            "\"msd_scales\": 1000000000|msd_scales",
            "\"msd_width_divisor\": 1000000000|msd_width_divisor",
            "\"mstftd_filters\": 1000000000|mstftd_filters",
    })
    void absurdTrainerFieldIsRefusedByName(String override, String field) throws IOException {
        Path f = config(override);
        VoxtokException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(VoxtokException.class, () -> TrainingConfig.read(f)));
        assertEquals(ErrorKind.USER_INPUT, e.kind());
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains(field), e.getMessage());
    }

    @Test
    void theMessageGivesTheValueAndTheRange() throws IOException {
        Path f = config("\"learning_rate\": -0.001");
        VoxtokException e = assertThrows(VoxtokException.class, () -> TrainingConfig.read(f));
        assertEquals("config " + f + ": field \"learning_rate\" is -0.001, outside the accepted range (0, 1]",
                e.getMessage());
    }
}
