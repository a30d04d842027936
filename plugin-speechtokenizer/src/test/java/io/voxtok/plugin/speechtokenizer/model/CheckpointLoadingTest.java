package io.voxtok.plugin.speechtokenizer.model;

import ai.djl.Device;
import io.voxtok.api.VoxtokException;
import io.voxtok.modelio.StateDict;
import io.voxtok.modelio.Tensor;
import io.voxtok.plugin.speechtokenizer.config.SpeechTokenizerConfig;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Key and shape checking of checkpoints, and the random-weights constructor. */
class CheckpointLoadingTest {

    @Test
    void fixtureCheckpointHasTheOfficialLayout() {
        StateDict sd = StateDict.read(Fixture.dir().resolve("model.pt"));
        assertEquals(166, sd.keys().size());
    }

    @Test
    void reportsMissingWrongShapedAndUnexpectedKeysByName() {
        SpeechTokenizerConfig config = SpeechTokenizerConfig.read(Fixture.dir().resolve("config.json"));
        StateDict sd = StateDict.read(Fixture.dir().resolve("model.pt"));
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (String k : sd.keys()) {
            tensors.put(k, sd.get(k));
        }
        tensors.remove("encoder.model.13.lstm.weight_hh_l1_reverse");
        tensors.put("decoder.model.0.conv.conv.bias", Tensor.ofFloats(new float[3], 3));
        tensors.put("encoder.model.99.conv.conv.bias", Tensor.ofFloats(new float[3], 3));
        StateDict broken = StateDict.of(tensors, Fixture.dir().resolve("broken.pt"));
        VoxtokException e = assertThrows(VoxtokException.class,
                () -> SpeechTokenizerModel.fromStateDict(config, broken, Device.cpu()));
        String msg = e.getMessage();
        assertTrue(msg.contains("broken.pt") && msg.contains("encoder.model.13.lstm.weight_hh_l1_reverse")
                && msg.contains("decoder.model.0.conv.conv.bias is [3]") && msg.contains("encoder.model.99"), msg);
    }

    @Test
    void directoryWithoutCheckpointIsRefused() {
        VoxtokException e = assertThrows(VoxtokException.class, () -> SpeechTokenizerModel.load(
                Fixture.dir().resolve("expected"), Device.cpu()));
        assertTrue(e.getMessage().contains("config.json"), e.getMessage());
    }

    @Test
    void randomInitBuildsAWorkingModel() {
        SpeechTokenizerConfig config = SpeechTokenizerConfig.read(Fixture.dir().resolve("config.json"));
        try (SpeechTokenizerModel a = SpeechTokenizerModel.randomInit(config, 7);
             SpeechTokenizerModel b = SpeechTokenizerModel.randomInit(config, 7)) {
            float[] x = new float[3200];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) Math.sin(i * 0.05);
            }
            EncodedBatch ca = a.encode(new float[][] {x}, 0, 8);
            assertEquals(10, ca.validFrames()[0]);
            assertEquals(java.util.Arrays.deepToString(ca.codes()),
                    java.util.Arrays.deepToString(b.encode(new float[][] {x}, 0, 8).codes()), "same seed, same model");
            assertEquals(3200, a.decode(ca.codes(), 0)[0].length);
        }
    }

    @Test
    void badArgumentsAreUserErrors() {
        SpeechTokenizerModel model = Fixture.model();
        float[][] x = {new float[640]};
        assertThrows(VoxtokException.class, () -> model.encode(x, 3, 3));
        assertThrows(VoxtokException.class, () -> model.encode(x, 0, 9));
        assertThrows(VoxtokException.class, () -> model.encode(new float[][] {new float[0]}, 0, 8));
        assertThrows(VoxtokException.class, () -> model.decode(new int[][][] {{{64}}}, 0));
        assertThrows(VoxtokException.class, () -> model.decode(new int[][][] {{{1}}}, 8));
    }
}
