package io.voxtok.plugin.encodec.model;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.voxtok.api.VoxtokException;
import io.voxtok.modelio.SafetensorsWriter;
import io.voxtok.modelio.StateDict;
import io.voxtok.modelio.Tensor;
import io.voxtok.plugin.encodec.EncodecFixture;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Overflowing (finite) weights: EnCodec's latents and decoded audio are refused naming the stage (issue #16). */
class EncodecNonFiniteOutputTest {
    @TempDir
    Path dir;

    private EncodecModel withHugeBias(String key) {
        EncodecModelFiles files = EncodecModelFiles.resolve(EncodecFixture.dir());
        StateDict sd = StateDict.read(files.weights());
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (String k : sd.keys()) {
            tensors.put(k, sd.get(k));
        }
        Tensor bias = tensors.get(key);
        assertTrue(bias != null, key + " in the fixture");
        float[] huge = new float[(int) bias.shape()[0]];
        Arrays.fill(huge, 3e38f);
        tensors.put(key, Tensor.ofFloats(huge, bias.shape()));
        Path weights = dir.resolve("huge.safetensors");
        SafetensorsWriter.write(weights, tensors);
        return EncodecModel.load(weights, files.config(), Device.cpu());
    }

    private static float[][] tone(int channels) {
        float[][] x = new float[channels][2400];
        for (float[] c : x) {
            for (int i = 0; i < c.length; i++) {
                c[i] = (float) (0.3 * Math.sin(i * 0.05));
            }
        }
        return x;
    }

    @Test
    void overflowingLatentsAndAudioAreRefused() {
        List<EncodedFrame> frames;
        try (EncodecModel good = EncodecModel.load(EncodecFixture.dir(), Device.cpu())) {
            frames = good.encode(tone(good.config().channels()), 2);
        }
        try (EncodecModel m = withHugeBias("encoder.model.0.conv.conv.bias")) {
            VoxtokException e = assertThrows(VoxtokException.class, () -> m.encode(tone(m.config().channels()), 2));
            assertTrue(e.getMessage().startsWith("EnCodec encoder output (latents) has NaN or infinite values"),
                    e.getMessage());
        }
        try (EncodecModel m = withHugeBias("decoder.model.0.conv.conv.bias")) {
            VoxtokException e = assertThrows(VoxtokException.class, () -> m.decode(frames));
            assertTrue(e.getMessage().startsWith("EnCodec decoder output (audio) has a non-finite value"),
                    e.getMessage());
        }
    }
}
