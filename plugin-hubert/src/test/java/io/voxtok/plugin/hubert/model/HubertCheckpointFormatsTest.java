package io.voxtok.plugin.hubert.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.voxtok.api.VoxtokException;
import io.voxtok.modelio.SafetensorsWriter;
import io.voxtok.modelio.StateDict;
import io.voxtok.modelio.Tensor;
import io.voxtok.plugin.hubert.HubertFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hugging Face and fairseq spellings of the same weights load to the same canonical tensors and outputs. */
class HubertCheckpointFormatsTest {
    @TempDir
    Path tmp;

    private static HubertCheckpoint reference() {
        return HubertModelDirectory.open(HubertFixture.dir()).load();
    }

    private static void assertSameTensors(HubertCheckpoint want, HubertCheckpoint got) {
        for (String k : HubertKeyMapper.expectedKeys(want.config())) {
            Tensor a = want.weights().get(k);
            Tensor b = got.weights().get(k);
            assertArrayEquals(a.shape(), b.shape(), k);
            assertArrayEquals(a.toFloatArray(), b.toFloatArray(), k);
        }
    }

    /** Layer-4 output of utt1 through the DJL model equals the fixture's. */
    private static void assertRunsLikeFixture(HubertCheckpoint ckpt) {
        try (HubertDjlModel m = new HubertDjlModel(ckpt, Device.cpu())) {
            HubertHiddenStates h = m.run(List.of(HubertFixture.wav("utt1")), false).get(0);
            float[] all = HubertFixture.expected("utt1_extract_features.npy").toFloatArray();
            int n = h.frames() * 64;
            HubertFixture.assertClose(Arrays.copyOfRange(all, 3 * n, 4 * n), h.state(4), 5e-5, "layer 4");
        }
    }

    @Test
    void fairseqCheckpointWithConfigObjects() throws IOException {
        // fairseq_layout.pt: {"args": argparse.Namespace, "cfg": dict, "model": fairseq-named state dict, ...}
        Path dir = Files.createDirectories(tmp.resolve("fs"));
        Files.copy(HubertFixture.resource("fairseq_layout.pt"), dir.resolve("hubert_small.pt"));
        Files.copy(HubertFixture.dir().resolve("config.json"), dir.resolve("config.json"));
        StateDict raw = StateDict.read(dir.resolve("hubert_small.pt"));
        assertTrue(raw.contains("model.post_extract_proj.weight"), raw.keys().toString());
        assertTrue(raw.contains("model.encoder.layers.0.self_attn.q_proj.weight"));
        HubertCheckpoint ckpt = HubertModelDirectory.open(dir).load();
        assertEquals(HubertKeyMapper.Layout.FAIRSEQ, ckpt.layout());
        assertSameTensors(reference(), ckpt);
        assertRunsLikeFixture(ckpt);
        // the same file given directly
        assertEquals(HubertKeyMapper.Layout.FAIRSEQ, HubertModelDirectory.open(dir.resolve("hubert_small.pt")).load().layout());
    }

    @Test
    void fairseqCheckpointThatIsNotBaseNeedsConfigJson() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("noconfig"));
        Files.copy(HubertFixture.resource("fairseq_layout.pt"), dir.resolve("hubert_small.pt"));
        VoxtokException e = assertThrows(VoxtokException.class, () -> HubertModelDirectory.open(dir).load());
        assertTrue(e.getMessage().contains("config.json"), e.getMessage());
    }

    @Test
    void safetensorsWithPrefixAndParametrizationSpelling() throws IOException {
        StateDict sd = StateDict.read(HubertFixture.dir().resolve("model.pt"));
        Map<String, Tensor> renamed = new LinkedHashMap<>();
        for (String k : sd.keys()) {
            String n = k.replace("pos_conv_embed.conv.weight_g", "pos_conv_embed.conv.parametrizations.weight.original0")
                    .replace("pos_conv_embed.conv.weight_v", "pos_conv_embed.conv.parametrizations.weight.original1");
            renamed.put("hubert." + n, sd.get(k));
        }
        renamed.put("lm_head.weight", Tensor.ofFloats(new float[64 * 3], 3, 64)); // a task head: dropped
        Path dir = Files.createDirectories(tmp.resolve("hf"));
        SafetensorsWriter.write(dir.resolve("model.safetensors"), renamed);
        Files.copy(HubertFixture.dir().resolve("config.json"), dir.resolve("config.json"));
        HubertCheckpoint ckpt = HubertModelDirectory.open(dir).load();
        assertEquals(HubertKeyMapper.Layout.HUGGING_FACE, ckpt.layout());
        assertSameTensors(reference(), ckpt);
        assertRunsLikeFixture(ckpt);
    }

    @Test
    void missingAndUnexpectedTensorsAreNamed() throws IOException {
        StateDict sd = StateDict.read(HubertFixture.dir().resolve("model.pt"));
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (String k : sd.keys()) {
            if (!k.equals("encoder.layers.2.final_layer_norm.bias")) {
                m.put(k, sd.get(k));
            }
        }
        m.put("encoder.layers.9.extra", Tensor.ofFloats(new float[1], 1));
        Path dir = Files.createDirectories(tmp.resolve("bad"));
        SafetensorsWriter.write(dir.resolve("model.safetensors"), m);
        Files.copy(HubertFixture.dir().resolve("config.json"), dir.resolve("config.json"));
        VoxtokException e = assertThrows(VoxtokException.class, () -> HubertModelDirectory.open(dir).load());
        assertTrue(e.getMessage().contains("encoder.layers.2.final_layer_norm.bias"), e.getMessage());
        assertTrue(e.getMessage().contains("encoder.layers.9.extra"), e.getMessage());
    }

    @Test
    void wrongShapeIsNamed() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("shape"));
        Files.copy(HubertFixture.dir().resolve("model.pt"), dir.resolve("model.pt"));
        Files.writeString(dir.resolve("config.json"), Files.readString(HubertFixture.dir().resolve("config.json"))
                .replace("\"intermediate_size\": 128", "\"intermediate_size\": 96"));
        HubertCheckpoint ckpt = HubertModelDirectory.open(dir).load();
        VoxtokException e = assertThrows(VoxtokException.class, () -> new HubertDjlModel(ckpt, Device.cpu()).close());
        assertTrue(e.getMessage().contains("intermediate_dense.weight"), e.getMessage());
    }
}
