package io.voxtok.plugin.speechtokenizer.config;

import io.voxtok.api.VoxtokException;
import io.voxtok.nn.config.JsonConfigReader;
import io.voxtok.nn.seanet.SeanetActivation;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpeechTokenizerConfigTest {
    private static final String BASE = """
            "n_filters": 64, "strides": [8, 5, 4, 2], "dimension": 1024, "semantic_dimension": 768,
            "bidirectional": true, "dilation_base": 2, "residual_kernel_size": 3, "n_residual_layers": 1,
            "lstm_layers": 2, "activation": "ELU", "codebook_size": 1024, "n_q": 8, "sample_rate": 16000,
            "sampling_rate": 16000, "batch_size": 6, "fmax_for_loss": null""";

    private static SpeechTokenizerConfig parse(String extra) {
        return SpeechTokenizerConfig.fromJson(JsonConfigReader.parse("{" + BASE + extra + "}", "config.json"));
    }

    @Test
    void readsTheFixtureConfig() {
        Path dir = Path.of(System.getProperty("voxtok.shared"), "fixtures", "parity", "speechtokenizer");
        SpeechTokenizerConfig c = SpeechTokenizerConfig.read(dir.resolve("config.json"));
        assertEquals(8, c.nFilters());
        assertArrayEquals(new int[] {8, 5, 4, 2}, c.strides());
        assertEquals(64, c.dimension());
        assertEquals(32, c.semanticDimension());
        assertEquals(64, c.codebookSize());
        assertEquals(320, c.hopLength());
        assertEquals(SeanetActivation.ELU, c.activation());
    }

    @Test
    void officialBaseConfigMatchesItsJson() {
        assertEquals(SpeechTokenizerConfig.official(SeanetActivation.ELU), parse(""));
        assertEquals(SeanetActivation.SNAKE, SpeechTokenizerConfig.fromJson(JsonConfigReader.parse(
                "{" + BASE.replace("\"ELU\"", "\"Snake\"") + "}", "config.json")).activation());
        assertTrue(parse("").hasTransform());
        assertFalse(parse("").seanet().causal());
    }

    @Test
    void refusesUnsupportedValuesNamingTheField() {
        assertMessage(() -> parse(", \"causal\": true"), "\"causal\"");
        assertMessage(() -> parse(", \"pad_mode\": \"constant\""), "\"pad_mode\"");
        assertMessage(() -> parse(", \"norm\": \"time_group_norm\""), "\"norm\"");
        assertMessage(() -> SpeechTokenizerConfig.fromJson(JsonConfigReader.parse(
                "{" + BASE.replace("\"ELU\"", "\"GELU\"") + "}", "config.json")), "\"activation\"");
        assertMessage(() -> SpeechTokenizerConfig.fromJson(JsonConfigReader.parse(
                "{" + BASE.replace("\"n_q\": 8,", "") + "}", "config.json")), "\"n_q\" is missing");
        assertMessage(() -> SpeechTokenizerConfig.fromJson(JsonConfigReader.parse(
                "{" + BASE.replace("\"sampling_rate\": 16000", "\"sampling_rate\": 24000") + "}", "config.json")),
                "\"sampling_rate\"");
        assertMessage(() -> SpeechTokenizerConfig.fromJson(JsonConfigReader.parse(
                "{" + BASE.replace("\"n_filters\": 64", "\"n_filters\": 0") + "}", "config.json")), "n_filters");
        // causal false and the defaults the official code hard-codes are accepted
        assertEquals(parse(""), parse(", \"causal\": false, \"pad_mode\": \"reflect\", \"kernel_size\": 7"));
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String part) {
        VoxtokException e = assertThrows(VoxtokException.class, call);
        assertTrue(e.getMessage().contains(part) && e.getMessage().contains("config.json"), e.getMessage());
    }
}
