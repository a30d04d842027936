package io.voxtok.plugin.hubert.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.modelio.SafetensorsWriter;
import io.voxtok.modelio.StateDict;
import io.voxtok.modelio.Tensor;
import io.voxtok.plugin.hubert.HubertFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A HuBERT checkpoint with a NaN weight is refused when the model is built, naming the checkpoint and the key. */
class HubertNonFiniteWeightTest {
    @TempDir
    Path tmp;

    @Test
    void nanWeightIsNamed() throws IOException {
        StateDict sd = StateDict.read(HubertFixture.dir().resolve("model.pt"));
        String poisoned = "encoder.layers.1.attention.k_proj.bias";
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (String k : sd.keys()) {
            Tensor t = sd.get(k);
            if (k.equals(poisoned)) {
                float[] v = t.toFloatArray();
                v[v.length - 1] = Float.NaN;
                t = Tensor.ofFloats(v, t.shape());
            }
            m.put(k, t);
        }
        Path dir = Files.createDirectories(tmp.resolve("nan"));
        SafetensorsWriter.write(dir.resolve("model.safetensors"), m);
        Files.copy(HubertFixture.dir().resolve("config.json"), dir.resolve("config.json"));
        HubertCheckpoint ckpt = HubertModelDirectory.open(dir).load();
        VoxtokException e = assertThrows(VoxtokException.class, () -> new HubertDjlModel(ckpt, Device.cpu()).close());
        assertEquals(ErrorKind.USER_INPUT, e.kind());
        assertTrue(e.getMessage().contains(poisoned) && e.getMessage().contains("NaN")
                && e.getMessage().contains("model.safetensors"), e.getMessage());
    }
}
