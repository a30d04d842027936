package io.voxtok.plugin.speechtokenizer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.modelio.StateDict;
import io.voxtok.modelio.Tensor;
import io.voxtok.plugin.speechtokenizer.config.SpeechTokenizerConfig;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Finite weights that overflow on an input make NaN or infinite activations; the encoder's latents and the
 * decoder's audio are checked and refused naming the stage (issue #16: such a model gave every code 0 in all
 * layers, exit 0).
 */
class NonFiniteOutputTest {
    /** The fixture checkpoint with one bias set to a finite value whose activations overflow float32. */
    private static SpeechTokenizerModel withHugeBias(String key) {
        SpeechTokenizerConfig config = SpeechTokenizerConfig.read(Fixture.dir().resolve("config.json"));
        StateDict sd = StateDict.read(Fixture.dir().resolve("model.pt"));
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (String k : sd.keys()) {
            tensors.put(k, sd.get(k));
        }
        Tensor bias = tensors.get(key);
        assertTrue(bias != null, key + " in the fixture");
        float[] huge = new float[(int) bias.shape()[0]];
        Arrays.fill(huge, 3e38f);
        tensors.put(key, Tensor.ofFloats(huge, bias.shape()));
        return SpeechTokenizerModel.fromStateDict(config, StateDict.of(tensors, Fixture.dir().resolve("huge.pt")),
                Device.cpu());
    }

    private static float[] tone() {
        float[] x = new float[3200];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.3 * Math.sin(i * 0.05));
        }
        return x;
    }

    @Test
    void overflowingEncoderLatentsAreRefusedNamingTheStage() {
        try (SpeechTokenizerModel m = withHugeBias("encoder.model.0.conv.conv.bias")) {
            VoxtokException e = assertThrows(VoxtokException.class, () -> m.encode(new float[][] {tone()}, 0, 8));
            assertEquals(ErrorKind.USER_INPUT, e.kind());
            assertTrue(e.getMessage().startsWith("SpeechTokenizer encoder output (latents) has NaN or infinite values"),
                    e.getMessage());
            assertThrows(VoxtokException.class, () -> m.encode(new float[][] {tone(), new float[1600]}, 0, 8),
                    "per-item batches are checked too");
        }
    }

    @Test
    void overflowingDecodedAudioIsRefusedNamingTheStage() {
        int[][][] codes = Fixture.model().encode(new float[][] {tone()}, 0, 8).codes();
        try (SpeechTokenizerModel m = withHugeBias("decoder.model.0.conv.conv.bias")) {
            VoxtokException e = assertThrows(VoxtokException.class, () -> m.decode(codes, 0));
            assertEquals(ErrorKind.USER_INPUT, e.kind());
            assertTrue(e.getMessage().startsWith("SpeechTokenizer decoder output (audio) has a non-finite value"),
                    e.getMessage());
        }
    }
}
