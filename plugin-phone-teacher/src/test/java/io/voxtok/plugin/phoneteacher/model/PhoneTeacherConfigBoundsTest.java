package io.voxtok.plugin.phoneteacher.model;

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
 * A phone-teacher {@code config.json} asking for an absurd model is refused at read time naming the file and the
 * field (issue #16), and the reader survives mutation fuzzing.
 */
class PhoneTeacherConfigBoundsTest {
    /** The architecture fields of the shipped {@code models/phone-teacher/config.json}, with a short inventory. */
    private static final String SHIPPED = "{\"model_type\": \"voxtok-phone-teacher\", \"sample_rate\": 16000,"
            + " \"hop_length\": 320, \"frame_rate\": 50.0, \"n_fft\": 512, \"win_length\": 400, \"n_mels\": 80,"
            + " \"channels\": 256, \"kernel_size\": 5, \"num_layers\": 3, \"feature_dim\": 256, \"recommended_layer\": 2,"
            + " \"num_phones\": 4, \"phones\": [\"aa\", \"ae\", \"pau\", \"z\"]}";

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"channels\": 1000000000}|channels",
            "{\"num_layers\": 1000000}|num_layers",
            "{\"n_mels\": 2000000}|n_mels",
            "{\"kernel_size\": 2147483647}|kernel_size",
            "{\"n_fft\": 2000000000, \"hop_length\": 320, \"win_length\": 400}|n_fft",
            "{\"sample_rate\": 1}|sample_rate",
            "{\"channels\": 16384, \"num_layers\": 64, \"kernel_size\": 255}|parameters",
    })
    void absurdFieldIsRefusedByName(String json, String field) {
        VoxtokException e = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThrows(VoxtokException.class,
                () -> PhoneTeacherConfig.fromJson(JsonConfigReader.parse(json, "hostile/config.json"), false)));
        assertEquals(ErrorKind.USER_INPUT, e.kind());
        assertTrue(e.getMessage().contains("hostile/config.json") && e.getMessage().contains(field), e.getMessage());
    }

    @Test
    void theShippedConfigurationIsWithinBounds() {
        assertEquals(256, PhoneTeacherConfig.fromJson(JsonConfigReader.parse(SHIPPED, "config.json"), true).featureDim());
    }

    @Test
    void fuzz() {
        MutationFuzzer.of("phone-teacher-config", "json",
                        f -> PhoneTeacherConfig.fromJson(JsonConfigReader.read(f), true))
                .text().defaultIterations(1000).seed(SHIPPED.getBytes(StandardCharsets.UTF_8))
                .run(dir.resolve("cases")).assertNoFindings();
    }
}
