package io.voxtok.plugin.speakerencoder.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.nn.config.JsonConfigReader;
import io.voxtok.testkit.fuzz.MutationFuzzer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A speaker-encoder {@code config.json} asking for an absurd model is refused at read time naming the file and the
 * field (issue #16), and the reader survives mutation fuzzing.
 */
class SpeakerEncoderConfigBoundsTest {
    /** The shipped {@code models/speaker-encoder/config.json}. */
    private static final String SHIPPED = "{\"model_type\": \"voxtok-speaker-encoder\", \"sample_rate\": 16000,"
            + " \"hop_length\": 160, \"n_fft\": 512, \"win_length\": 400, \"n_mels\": 40, \"channels\": 256,"
            + " \"pool_channels\": 512, \"kernels\": [5, 3, 3, 1], \"dilations\": [1, 2, 3, 1], \"embedding_dim\": 128}";

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"channels\": 1000000000}|channels",
            "{\"n_mels\": 2000000}|n_mels",
            "{\"n_fft\": 2000000000, \"win_length\": 400, \"hop_length\": 160}|n_fft",
            "{\"sample_rate\": 8}|sample_rate",
            "{\"embedding_dim\": 100000}|embedding_dim",
            "{\"kernels\": [2147483647], \"dilations\": [1]}|kernels[0]",
            "{\"kernels\": [1, 1], \"dilations\": [1, 1000000]}|dilations[1]",
            "{\"channels\": 16384, \"pool_channels\": 16384, \"kernels\": [255, 255, 255], \"dilations\": [1, 1, 1]}"
                    + "|parameters",
    })
    void absurdFieldIsRefusedByName(String json, String field) {
        VoxtokException e = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThrows(VoxtokException.class,
                () -> SpeakerEncoderConfig.fromJson(JsonConfigReader.parse(json, "hostile/config.json"))));
        assertEquals(ErrorKind.USER_INPUT, e.kind());
        assertTrue(e.getMessage().contains("hostile/config.json") && e.getMessage().contains(field), e.getMessage());
    }

    @Test
    void theShippedConfigurationIsWithinBounds() {
        assertEquals(128, SpeakerEncoderConfig.fromJson(JsonConfigReader.parse(SHIPPED, "config.json")).embeddingDim());
    }

    @Test
    void fuzz() {
        MutationFuzzer.of("speaker-encoder-config", "json",
                        f -> SpeakerEncoderConfig.fromJson(JsonConfigReader.read(f)))
                .text().defaultIterations(1000).seed(SHIPPED.getBytes(StandardCharsets.UTF_8))
                .run(dir.resolve("cases")).assertNoFindings();
    }
}
