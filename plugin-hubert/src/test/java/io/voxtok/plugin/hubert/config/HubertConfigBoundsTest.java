package io.voxtok.plugin.hubert.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A HuBERT {@code config.json} asking for an absurd model is refused at read time, naming the file and the field,
 * instead of building it for minutes or running out of memory.
 */
class HubertConfigBoundsTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // Divisible by the 12 heads and 16 positional groups, so only the size bound refuses it.
            "\"hidden_size\": 999999984|hidden_size",
            "\"num_hidden_layers\": 1000000|num_hidden_layers",
            "\"intermediate_size\": 1000000000|intermediate_size",
            "\"conv_dim\": [1000000000, 512, 512, 512, 512, 512, 512]|conv_dim[0]",
            "\"conv_stride\": [1024, 1024, 1024, 2, 2, 2, 2]|conv_stride",
            "\"conv_kernel\": [10, 100000, 3, 3, 3, 2, 2]|conv_kernel[1]",
            "\"num_hidden_layers\": 200|parameters",
    })
    void absurdFieldIsRefusedByName(String field, String named) throws IOException {
        Path f = Files.writeString(tmp.resolve("config.json"), "{\"model_type\": \"hubert\", " + field + "}");
        VoxtokException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(VoxtokException.class, () -> HubertConfig.read(f)));
        assertEquals(ErrorKind.USER_INPUT, e.kind());
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains(named), e.getMessage());
    }
}
