package io.voxtok.plugin.hubert.model;

import static io.voxtok.plugin.hubert.HubertFixture.UTTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.voxtok.api.ComponentConfig;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.backend.BackendKind;
import io.voxtok.api.backend.BackendSpec;
import io.voxtok.api.backend.DeviceSpec;
import io.voxtok.api.teacher.FeatureSequence;
import io.voxtok.api.teacher.LayerSelection;
import io.voxtok.api.teacher.Teacher;
import io.voxtok.plugin.hubert.HubertFixture;
import io.voxtok.plugin.hubert.HubertTeacherFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ONNX export of the fixture model (src/test/python/make_hubert_assets.py) on ONNX Runtime vs the DJL path. */
class HubertOnnxModelTest {
    @TempDir
    Path tmp;

    private Path onnxDir() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("onnx"));
        Files.copy(HubertFixture.resource("model.onnx"), dir.resolve("model.onnx"));
        Files.copy(HubertFixture.dir().resolve("config.json"), dir.resolve("config.json"));
        Files.copy(HubertFixture.dir().resolve("preprocessor_config.json"), dir.resolve("preprocessor_config.json"));
        return dir;
    }

    @Test
    void onnxRuntimeMatchesDjlOnEveryHiddenState() throws IOException {
        Path dir = onnxDir();
        HubertCheckpoint ckpt = HubertModelDirectory.open(HubertFixture.dir()).load();
        try (HubertOnnxModel onnx = new HubertOnnxModel(dir.resolve("model.onnx"), ckpt.config(), DeviceSpec.cpu(), 2);
             HubertDjlModel djl = new HubertDjlModel(ckpt, Device.cpu())) {
            for (String u : UTTS) {
                float[] x = HubertFixture.wav(u);
                HubertHiddenStates a = onnx.run(List.of(x), false).get(0);
                HubertHiddenStates b = djl.run(List.of(x), false).get(0);
                assertEquals(b.frames(), a.frames());
                assertEquals(5, a.count());
                for (int s = 0; s < 5; s++) {
                    HubertFixture.assertClose(b.state(s), a.state(s), 5e-5, u + " state " + s);
                }
                // and against the fixture itself
                float[] all = HubertFixture.expected(u + "_extract_features.npy").toFloatArray();
                int n = a.frames() * 64;
                HubertFixture.assertClose(Arrays.copyOfRange(all, 3 * n, 4 * n), a.state(4), 5e-5, u + " layer 4 vs fixture");
            }
            assertEquals(0, onnx.run(List.of(new float[399]), false).get(0).frames());
            assertThrows(UnsupportedOperationException.class, () -> onnx.run(List.of(new float[1000]), true));
        }
    }

    @Test
    void teacherOnOnnxRuntimeGivesTheSpeechTokenizerTarget() throws IOException {
        ComponentConfig cfg = ComponentConfig.ofModel(onnxDir()).with("min-samples", "48000");
        BackendSpec ort = new BackendSpec(BackendKind.ONNX_RUNTIME, DeviceSpec.cpu(), 2);
        try (Teacher t = new HubertTeacherFactory().create(cfg, HubertFixture.context(ort))) {
            FeatureSequence f = t.represent(HubertFixture.audio("utt2"), new LayerSelection.Average());
            HubertFixture.assertClose(HubertFixture.expected("utt2_teacher_avg.npy").toFloatArray(), f.toArray(), 4e-5, "utt2 avg");
        }
    }

    @Test
    void aDirectoryWithoutOnnxFileIsRefused() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("empty"));
        Files.copy(HubertFixture.dir().resolve("config.json"), dir.resolve("config.json"));
        BackendSpec ort = new BackendSpec(BackendKind.ONNX_RUNTIME, DeviceSpec.cpu(), 1);
        VoxtokException e = assertThrows(VoxtokException.class,
                () -> new HubertTeacherFactory().create(ComponentConfig.ofModel(dir), HubertFixture.context(ort)));
        assertTrue(e.getMessage().contains("model.onnx"), e.getMessage());
    }
}
