package io.voxtok.plugin.encodec.model;

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
 * An EnCodec {@code config.json} (either layout) asking for an absurd model is refused at read time, naming the
 * file and the field, instead of building it for minutes or running out of memory.
 */
class EncodecConfigBoundsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"encoder\": {\"n_filters\": 1000000000}}|encoder.n_filters",
            "{\"encoder\": {\"dimension\": 1000000000}}|encoder.dimension",
            "{\"encoder\": {\"lstm\": 1000000}}|encoder.lstm",
            "{\"encoder\": {\"ratios\": [65536, 65536, 65536]}}|encoder.ratios",
            "{\"encoder\": {\"ratios\": [8, -5, 4, 2]}}|encoder.ratios",
            "{\"target_bandwidths\": [1000000000.0]}|target_bandwidths",
            "{\"encoder\": {\"lstm\": 40, \"dimension\": 2048}}|parameters",
            "{\"model_type\": \"encodec\", \"num_filters\": 1000000000}|num_filters",
            "{\"model_type\": \"encodec\", \"num_lstm_layers\": 1000000}|num_lstm_layers",
            "{\"model_type\": \"encodec\", \"upsampling_ratios\": [2147483647, 2]}|upsampling_ratios",
            // found by EncodecConfigFuzzTest: checks inside EncodecConfig did not name the file
            "{\"channels\": 1000000000}|channels must be 1 or 2",
            "{\"target_bandwidths\": [-1]}|target_bandwidths must be positive",
            "{\"overlap\": 1000000000}|bad segment/overlap",
    })
    void absurdFieldIsRefusedByName(String json, String field) {
        VoxtokException e = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThrows(
                VoxtokException.class,
                () -> EncodecConfigReader.parse(JsonConfigReader.parse(json, "hostile/config.json"))));
        assertEquals(ErrorKind.USER_INPUT, e.kind());
        assertTrue(e.getMessage().contains("hostile/config.json") && e.getMessage().contains(field),
                e.getMessage());
    }
}
