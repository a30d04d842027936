package io.voxtok.modelio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.VoxtokException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The lookup and checking API of {@link StateDict}. */
class StateDictTest {
    private static final Path SOURCE = Path.of("/models/tiny.pt");

    private static StateDict sample() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("model.encoder.weight", Tensor.ofFloats(new float[6], 2, 3));
        m.put("model.encoder.bias", Tensor.ofFloats(new float[2], 2));
        m.put("model.decoder.weight", Tensor.ofFloats(new float[4], 4));
        m.put("optimizer.state.0.exp_avg", Tensor.ofFloats(new float[1], 1));
        return StateDict.of(m, SOURCE);
    }

    @Test
    void lookups() {
        StateDict sd = sample();
        assertEquals(List.of("model.encoder.weight", "model.encoder.bias", "model.decoder.weight",
                "optimizer.state.0.exp_avg"), List.copyOf(sd.keys()));
        assertEquals(4, sd.size());
        assertTrue(sd.contains("model.encoder.bias"));
        assertTrue(sd.find("model.encoder.bias").isPresent());
        assertTrue(sd.find("nope").isEmpty());
        assertSame(sd.get("model.encoder.weight"), sd.require("model.encoder.weight", 2, 3));
        assertEquals(SOURCE, sd.source());
    }

    @Test
    void missingKeyNamesKeyFileAndSimilarNames() {
        VoxtokException e = assertThrows(VoxtokException.class, () -> sample().get("encoder.weight"));
        assertTrue(e.getMessage().contains("'encoder.weight'") && e.getMessage().contains(SOURCE.toString())
                && e.getMessage().contains("model.encoder.weight"), e.getMessage());
        e = assertThrows(VoxtokException.class, () -> sample().get("model.decoder.w"));
        assertTrue(e.getMessage().contains("similar names: model.decoder.weight"), e.getMessage());
    }

    @Test
    void wrongShapeNamesBothShapes() {
        VoxtokException e = assertThrows(VoxtokException.class, () -> sample().require("model.encoder.weight", 3, 2));
        assertTrue(e.getMessage().contains("'model.encoder.weight'") && e.getMessage().contains("[2, 3]")
                && e.getMessage().contains("[3, 2]"), e.getMessage());
    }

    @Test
    void subDictStripsPrefixAndKeepsSource() {
        StateDict model = sample().subDict("model.");
        assertEquals(List.of("encoder.weight", "encoder.bias", "decoder.weight"), List.copyOf(model.keys()));
        assertEquals(SOURCE, model.source());
        assertEquals(0, sample().subDict("absent.").size());
    }

    @Test
    void checkKeysListsEveryMissingAndUnexpectedKey() {
        StateDict sd = sample().subDict("model.");
        sd.checkKeys(Set.of("encoder.weight", "encoder.bias", "decoder.weight"), Set.of());
        sd.checkKeys(Set.of("encoder.weight", "encoder.bias"), Set.of("decoder.*"));
        VoxtokException e = assertThrows(VoxtokException.class,
                () -> sd.checkKeys(Set.of("encoder.weight", "quantizer.codebook", "head.w"), Set.of("enc*x")));
        String msg = e.getMessage();
        assertTrue(msg.contains("missing 2") && msg.contains("quantizer.codebook") && msg.contains("head.w"), msg);
        assertTrue(msg.contains("unexpected 2") && msg.contains("encoder.bias") && msg.contains("decoder.weight"),
                msg);
        assertFalse(msg.contains("encoder.weight,"), msg);
        e = assertThrows(VoxtokException.class, () -> sd.checkKeys(Set.of("encoder.weight", "encoder.bias"),
                Set.of("decoder.weight.extra")));
        assertTrue(e.getMessage().contains("unexpected 1") && !e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void sha256IsTheFileHash() {
        // Empty file's SHA-256 is a closed-form reference value.
        StateDict sd = StateDict.of(Map.of(), writeEmpty());
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", sd.sha256());
        assertThrows(VoxtokException.class, () -> StateDict.of(Map.of(), null).sha256());
    }

    private static Path writeEmpty() {
        try {
            Path p = java.nio.file.Files.createTempFile("empty", ".pt");
            p.toFile().deleteOnExit();
            return p;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
