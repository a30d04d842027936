package io.voxtok.plugin.uslm.config;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A USLM {@code config.json} asking for an absurd or negative size is refused at read time as a user-input error
 * naming the file and the field, instead of building the model for minutes, running out of memory or crashing.
 */
class UslmConfigBoundsTest {
    @TempDir
    Path tmp;

    private Path config(String args) throws IOException {
        return Files.writeString(tmp.resolve("config.json"), "{\"model_class\": \"USLM\", \"constructor_args\": {"
                + args + "}}");
    }

    @Test
    void releasedSizeReads() throws IOException {
        assertEquals(1024, UslmConfig.read(config("\"d_model\": 1024, \"nhead\": 16, \"num_layers\": 12")).dModel());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"d_model\": 1073741824, \"nhead\": 16, \"num_layers\": 12|d_model",
            "\"d_model\": 1024, \"nhead\": 16, \"num_layers\": 1000000|num_layers",
            "\"d_model\": 4096, \"nhead\": 16, \"num_layers\": 12|parameters",
            "\"d_model\": -1024, \"nhead\": 16, \"num_layers\": 12|d_model",
    })
    void absurdFieldIsRefusedByName(String args, String field) throws IOException {
        Path f = config(args);
        VoxtokException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(VoxtokException.class, () -> UslmConfig.read(f)));
        assertEquals(ErrorKind.USER_INPUT, e.kind());
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains(field), e.getMessage());
    }
}
