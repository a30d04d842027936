package io.voxtok.plugin.hubert.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.VoxtokException;
import io.voxtok.plugin.hubert.HubertFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubertConfigTest {
    @TempDir
    Path tmp;

    @Test
    void readsTheFixtureConfig() {
        HubertConfig c = HubertConfig.read(HubertFixture.dir().resolve("config.json"));
        assertArrayEquals(new int[] {64, 64, 64, 64, 64, 64, 64}, c.convDim());
        assertArrayEquals(new int[] {10, 3, 3, 3, 3, 2, 2}, c.convKernel());
        assertEquals(64, c.hiddenSize());
        assertEquals(4, c.numHiddenLayers());
        assertEquals(4, c.numAttentionHeads());
        assertEquals(128, c.intermediateSize());
        assertEquals(320, c.hopSamples());
        assertFalse(c.convBias());
        assertEquals(99, c.frames(31_999));
        assertEquals(49, HubertConfig.base().frames(16_000));
        PreprocessorConfig p = PreprocessorConfig.read(HubertFixture.dir().resolve("preprocessor_config.json"));
        assertTrue(p.doNormalize());
        assertEquals(16_000, p.sampleRate());
    }

    @Test
    void missingFieldsAreHubertBase() throws IOException {
        Path f = tmp.resolve("config.json");
        Files.writeString(f, "{\"model_type\": \"hubert\"}");
        HubertConfig c = HubertConfig.read(f);
        assertEquals(768, c.hiddenSize());
        assertEquals(12, c.numHiddenLayers());
        assertEquals(3072, c.intermediateSize());
        assertArrayEquals(new int[] {5, 2, 2, 2, 2, 2, 2}, c.convStride());
    }

    private void assertRefused(String json, String field) throws IOException {
        Path f = tmp.resolve("config.json");
        Files.writeString(f, json);
        VoxtokException e = assertThrows(VoxtokException.class, () -> HubertConfig.read(f));
        assertTrue(e.getMessage().contains(field) && e.getMessage().contains("config.json"), e.getMessage());
    }

    @Test
    void unsupportedSettingsAreRefusedByFieldName() throws IOException {
        assertRefused("{\"do_stable_layer_norm\": true}", "do_stable_layer_norm");
        assertRefused("{\"feat_extract_norm\": \"layer\"}", "feat_extract_norm");
        assertRefused("{\"hidden_act\": \"relu\"}", "hidden_act");
        assertRefused("{\"model_type\": \"wavlm\"}", "model_type");
        assertRefused("{\"hidden_size\": 100, \"num_attention_heads\": 12}", "num_attention_heads");
        assertRefused("{\"conv_dim\": [512, 512], \"conv_kernel\": [10]}", "conv_kernel");
        assertRefused("{\"hidden_size\": \"big\"}", "hidden_size");
        assertRefused("{\"hidden_size\": 768,", "not valid JSON");
    }
}
