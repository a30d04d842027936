package io.voxtok.plugin.speakerencoder.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.ComponentConfig;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.speaker.SpeakerEncoder;
import io.voxtok.plugin.speakerencoder.TrainedSpeakerEncoderFactory;
import io.voxtok.plugin.speakerencoder.model.SpeakerEncoderModelDirectory;
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
 * A tiny run on the bundled corpus, interrupted and resumed, compared with the same run uninterrupted; its export
 * served as a speaker encoder. The runs are shared by the tests: training is the slow part.
 */
class SpeakerEncoderTrainingTest {
    static final Path CORPUS = Path.of("../corpus/bundled");
    static final Path CONFIG = Path.of("src/test/resources/speaker_encoder_tiny.json");

    @TempDir
    static Path tmp;
    static Path run;
    static Path straight;
    static TrainingResult first;
    static TrainingResult resumed;
    static TrainingResult uninterrupted;

    @BeforeAll
    static void train() {
        run = tmp.resolve("run");
        straight = tmp.resolve("straight");
        SpeakerEncoderRecipe recipe = new SpeakerEncoderRecipe();
        first = recipe.train(new TrainingRequest(CONFIG, CORPUS, null, run, false, null, null, 15, Map.of()));
        resumed = recipe.train(new TrainingRequest(null, CORPUS, null, run, true, null, null, 30, Map.of()));
        uninterrupted = recipe.train(new TrainingRequest(CONFIG, CORPUS, null, straight, false, null, null, 30,
                Map.of()));
    }

    private static double[] losses(Path dir) {
        List<MetricsRecord> log = MetricsLog.read(dir.resolve("metrics.jsonl"));
        return log.stream().map(r -> r.scalar("loss")).filter(OptionalDouble::isPresent)
                .mapToDouble(OptionalDouble::getAsDouble).toArray();
    }

    @Test
    void resumeReproducesTheUninterruptedRunExactly() {
        assertEquals(15, first.step());
        assertEquals(30, resumed.step());
        double[] a = losses(run);
        double[] b = losses(straight);
        assertEquals(30, a.length, "one loss per step, none repeated after the resume");
        // same batches, same learning rates, same optimiser state: the losses agree to float rounding
        for (int i = 0; i < 30; i++) {
            assertEquals(b[i], a[i], 1e-4 * Math.max(1, Math.abs(b[i])), "loss at step " + (i + 1));
        }
        assertEquals(uninterrupted.metrics().get("dev_eer"), resumed.metrics().get("dev_eer"), 1e-3);
    }

    @Test
    void lossFallsAndDevSpeakersAreSeparatedBetterThanChance() {
        double[] loss = losses(run);
        double head = (loss[0] + loss[1] + loss[2]) / 3;
        double tail = (loss[27] + loss[28] + loss[29]) / 3;
        assertTrue(tail < 0.9 * head, "loss " + head + " -> " + tail);
        double eer = resumed.metrics().get("dev_eer");
        assertTrue(eer < 0.4, "dev EER " + eer + " (chance is 0.5)");
    }

    @Test
    void exportedModelEmbedsLikeTheNetworkAndIsDeterministic() {
        Path model = tmp.resolve("model");
        List<Path> written = new SpeakerEncoderRecipe().exportOfficial(run, model, true);
        assertEquals(2, written.size());
        try (SpeakerEncoder enc = new TrainedSpeakerEncoderFactory().create(ComponentConfig.ofModel(model),
                new TestComponentContext())) {
            assertEquals(32, enc.spec().dimension());
            assertEquals(16_000, enc.spec().sampleRate());
            assertTrue(enc.spec().description().contains("sha256"), enc.spec().description());
            float[] wave = new float[12_345];
            for (int i = 0; i < wave.length; i++) {
                wave[i] = (float) (0.3 * Math.sin(i * 0.02 + Math.sin(i * 0.001)));
            }
            float[] e1 = enc.embed(wave);
            assertEquals(32, e1.length);
            assertArrayEquals(e1, enc.embed(wave.clone()));
            assertThrows(VoxtokException.class, () -> enc.embed(new float[100]));
        }
    }

    @Test
    void badModelDirectoriesNameTheFile() throws IOException {
        Path model = tmp.resolve("bad");
        new SpeakerEncoderRecipe().exportOfficial(run, model, false);
        Files.writeString(model.resolve(SpeakerEncoderModelDirectory.WEIGHTS), "not safetensors");
        VoxtokException corrupt = assertThrows(VoxtokException.class, () -> new TrainedSpeakerEncoderFactory()
                .create(ComponentConfig.ofModel(model), new TestComponentContext()));
        assertTrue(corrupt.getMessage().contains(SpeakerEncoderModelDirectory.WEIGHTS), corrupt.getMessage());
        Files.delete(model.resolve(SpeakerEncoderModelDirectory.WEIGHTS));
        VoxtokException missing = assertThrows(VoxtokException.class, () -> new TrainedSpeakerEncoderFactory()
                .create(ComponentConfig.ofModel(model), new TestComponentContext()));
        assertTrue(missing.getMessage().contains(SpeakerEncoderModelDirectory.WEIGHTS), missing.getMessage());
        VoxtokException resumeNothing = assertThrows(VoxtokException.class, () -> new SpeakerEncoderRecipe().train(
                new TrainingRequest(CONFIG, CORPUS, null, tmp.resolve("empty"), true, null, null, 5, Map.of())));
        assertTrue(resumeNothing.getMessage().contains("empty"), resumeNothing.getMessage());
    }
}
