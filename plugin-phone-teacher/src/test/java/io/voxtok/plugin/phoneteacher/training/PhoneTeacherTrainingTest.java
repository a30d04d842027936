package io.voxtok.plugin.phoneteacher.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.voxtok.api.ComponentConfig;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.teacher.FeatureSequence;
import io.voxtok.api.teacher.LayerSelection;
import io.voxtok.api.teacher.Teacher;
import io.voxtok.nn.backend.PyTorchBackend;
import io.voxtok.plugin.phoneteacher.PhoneTeacherFactory;
import io.voxtok.plugin.phoneteacher.model.PhoneTeacherModelDirectory;
import io.voxtok.testkit.TestComponentContext;
import io.voxtok.training.TrainingRequest;
import io.voxtok.training.TrainingResult;
import io.voxtok.training.run.MetricsLog;
import io.voxtok.training.run.MetricsRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny run on the bundled corpus (interrupted and resumed), its export, and the teacher serving the export.
 * One run is shared by the tests: training is the slow part.
 */
class PhoneTeacherTrainingTest {
    static final Path CORPUS = Path.of("../corpus/bundled");
    static final Path CONFIG = Path.of("src/test/resources/phone_teacher_tiny.json");

    @TempDir
    static Path tmp;
    static Path run;
    static TrainingResult first;
    static TrainingResult resumed;

    @BeforeAll
    static void train() {
        run = tmp.resolve("run");
        PhoneTeacherRecipe recipe = new PhoneTeacherRecipe();
        first = recipe.train(new TrainingRequest(CONFIG, CORPUS, null, run, false, null, null, 20, Map.of()));
        resumed = recipe.train(new TrainingRequest(null, CORPUS, null, run, true, null, null, 30, Map.of()));
    }

    @Test
    void resumesAtTheSavedStepAndLowersTheLoss() {
        assertEquals(20, first.step());
        assertEquals(30, resumed.step());
        List<MetricsRecord> log = MetricsLog.read(run.resolve("metrics.jsonl"));
        double[] loss = log.stream().map(r -> r.scalar("loss")).filter(OptionalDouble::isPresent)
                .mapToDouble(OptionalDouble::getAsDouble).toArray();
        assertEquals(30, loss.length, "one loss per step, none repeated after the resume");
        double head = (loss[0] + loss[1] + loss[2]) / 3;
        double tail = (loss[27] + loss[28] + loss[29]) / 3;
        assertTrue(tail < 0.8 * head, "loss " + head + " -> " + tail);
    }

    @Test
    void beatsChanceOnDevSpeakers() {
        double acc = resumed.metrics().get("dev_frame_accuracy");
        int phones = TeacherCheckpoint.modelConfig(run.resolve("checkpoints").resolve(
                io.voxtok.training.run.CheckpointStore.dirName(30))).numPhones();
        // chance is 1 / phones; silence alone is about a fifth of the frames, so ask for clearly more
        assertTrue(acc > 3.0 / phones && acc > 0.25, "dev frame accuracy " + acc + " with " + phones + " phones");
    }

    @Test
    void exportedModelServesFeaturesOnTheCacheGrid() {
        Path model = tmp.resolve("model");
        List<Path> written = new PhoneTeacherRecipe().exportOfficial(run, model, true);
        assertEquals(2, written.size());
        try (Teacher t = new PhoneTeacherFactory().create(ComponentConfig.ofModel(model), new TestComponentContext())) {
            assertEquals(256, t.spec().dim());
            assertEquals(50.0, t.spec().frameRate());
            assertEquals(2, t.spec().numHiddenStates());
            for (int len : new int[] {16_000, 16_321, 100}) {
                float[] wave = new float[len];
                for (int i = 0; i < len; i++) {
                    wave[i] = (float) (0.2 * Math.sin(i * 0.05) + 0.05 * Math.sin(i * 0.31));
                }
                FeatureSequence last = t.represent(AudioBuffer.ofMono(wave, 16_000), new LayerSelection.Single(1));
                FeatureSequence avg = t.represent(AudioBuffer.ofMono(wave, 16_000), new LayerSelection.Average());
                assertEquals(len / 320, last.frames());
                assertEquals(256, last.dim());
                assertEquals(len / 320, avg.frames());
            }
            // the served rows are frames: value (t, c) is channel c of block 1 at frame t
            float[] wave = new float[4800];
            for (int i = 0; i < wave.length; i++) {
                wave[i] = (float) (0.3 * Math.sin(i * 0.02 + Math.sin(i * 0.001)));
            }
            FeatureSequence served = t.represent(AudioBuffer.ofMono(wave, 16_000), new LayerSelection.Single(1));
            try (NDManager m = PyTorchBackend.newManager(Device.cpu())) {
                NDArray direct = PhoneTeacherModelDirectory.open(model).load(m)
                        .run(m.create(wave, new Shape(1, 1, wave.length)), false).hidden().get(1);
                float[] ct = direct.toFloatArray();
                int frames = wave.length / 320;
                for (int f = 0; f < frames; f++) {
                    for (int c = 0; c < 256; c += 17) {
                        assertEquals(ct[c * frames + f], served.get(f, c), 1e-5, "frame " + f + " channel " + c);
                    }
                }
            }
            assertThrows(VoxtokException.class, () -> t.represent(AudioBuffer.ofMono(new float[16_000], 16_000),
                    new LayerSelection.Single(2)));
        }
    }

    @Test
    void badModelDirectoriesNameTheFile() throws IOException {
        Path model = tmp.resolve("bad");
        new PhoneTeacherRecipe().exportOfficial(run, model, false);
        Files.delete(model.resolve(PhoneTeacherModelDirectory.WEIGHTS));
        VoxtokException missing = assertThrows(VoxtokException.class, () -> new PhoneTeacherFactory()
                .create(ComponentConfig.ofModel(model), new TestComponentContext()));
        assertTrue(missing.getMessage().contains(PhoneTeacherModelDirectory.WEIGHTS), missing.getMessage());

        Files.writeString(model.resolve(PhoneTeacherModelDirectory.WEIGHTS), "not safetensors");
        VoxtokException corrupt = assertThrows(VoxtokException.class, () -> new PhoneTeacherFactory()
                .create(ComponentConfig.ofModel(model), new TestComponentContext()));
        assertTrue(corrupt.getMessage().contains(model.resolve(PhoneTeacherModelDirectory.WEIGHTS).toString()),
                corrupt.getMessage());

        Files.writeString(model.resolve(PhoneTeacherModelDirectory.CONFIG), "{\"channels\": 256");
        VoxtokException config = assertThrows(VoxtokException.class, () -> new PhoneTeacherFactory()
                .create(ComponentConfig.ofModel(model), new TestComponentContext()));
        assertTrue(config.getMessage().contains(PhoneTeacherModelDirectory.CONFIG), config.getMessage());
        assertFalse(Files.exists(tmp.resolve("nothing")));
        VoxtokException none = assertThrows(VoxtokException.class, () -> new PhoneTeacherFactory()
                .create(ComponentConfig.ofModel(tmp.resolve("nothing")), new TestComponentContext()));
        assertTrue(none.getMessage().contains("nothing"), none.getMessage());
    }
}
