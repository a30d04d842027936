package io.voxtok.plugin.speechtokenizer.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.nn.config.JsonConfigReader;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A {@code config.json} asking for an absurd model (sizes of 1e9, a million codebooks or LSTM layers, strides
 * whose product overflows, negative sizes) is refused at read time, naming the file and the field, instead of
 * building the model for minutes or running out of memory.
 */
class SpeechTokenizerConfigBoundsTest {
    private static final String BASE = """
            {"n_filters": 64, "strides": [8, 5, 4, 2], "dimension": 1024, "semantic_dimension": 768,
            "bidirectional": true, "dilation_base": 2, "residual_kernel_size": 3, "n_residual_layers": 1,
            "lstm_layers": 2, "activation": "ELU", "codebook_size": 1024, "n_q": 8, "sample_rate": 16000}""";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"n_filters\": 64|\"n_filters\": 1000000000|n_filters",
            "\"dimension\": 1024|\"dimension\": 1000000000|dimension",
            "\"n_q\": 8|\"n_q\": 1000000|n_q",
            "\"lstm_layers\": 2|\"lstm_layers\": 1000000|lstm_layers",
            "\"codebook_size\": 1024|\"codebook_size\": 1000000000|codebook_size",
            "[8, 5, 4, 2]|[1024, 1024, 1024, 1024, 1024]|strides",
            "\"n_filters\": 64|\"n_filters\": -64|n_filters",
            // Each field within its bound, but together about 3e9 parameters.
            "\"lstm_layers\": 2|\"lstm_layers\": 48|parameters",
    })
    void absurdFieldIsRefusedByName(String original, String hostile, String field) {
        String json = BASE.replace(original, hostile);
        assertTrue(!json.equals(BASE), "the substitution applies");
        VoxtokException e = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThrows(
                VoxtokException.class,
                () -> SpeechTokenizerConfig.fromJson(JsonConfigReader.parse(json, "hostile/config.json"))));
        assertEquals(ErrorKind.USER_INPUT, e.kind());
        assertTrue(e.getMessage().contains("hostile/config.json") && e.getMessage().contains(field),
                e.getMessage());
    }
}
