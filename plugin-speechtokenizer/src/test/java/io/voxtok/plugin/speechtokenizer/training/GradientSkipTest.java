package io.voxtok.plugin.speechtokenizer.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.training.discriminator.DiscriminatorInit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code grad_skip_norm}: a step whose generator gradient norm exceeds it is skipped (logged, parameters untouched),
 * exactly like a step with a non-finite gradient; below it, steps update the parameters.
 */
class GradientSkipTest {
    private static float[] firstParameter(SpeechTokenizerTrainer t) {
        return t.generatorParameters().values().iterator().next().toFloatArray();
    }

    private static StepMetrics step(Path config) {
        TrainingConfig cfg = TrainingConfig.read(config);
        float[] all = TrainingFixture.npy("inputs/step1_x.npy").toFloatArray();
        float[][] batch = {Arrays.copyOfRange(all, 0, cfg.segmentSize()), Arrays.copyOfRange(all, 0, cfg.segmentSize())};
        var fresh = new SpeechTokenizerTrainer.StartState(null, Map.of("mpd", DiscriminatorInit.pytorchDefault(1),
                "msd", DiscriminatorInit.pytorchDefault(2), "mstftd", DiscriminatorInit.pytorchDefault(3)));
        try (SpeechTokenizerTrainer t = new SpeechTokenizerTrainer(cfg, fresh, 10)) {
            float[] before = firstParameter(t);
            StepMetrics m = t.trainStep(batch, null, null);
            float[] after = firstParameter(t);
            assertEquals(m.skipped(), Arrays.equals(before, after), "parameters change exactly when not skipped");
            return m;
        }
    }

    @Test
    void stepsAboveTheNormAreSkippedAndBelowItApplied(@TempDir Path tmp) throws Exception {
        Path base = Path.of(getClass().getResource("/training/overfit.json").toURI());
        String json = Files.readString(base);
        Path tiny = tmp.resolve("skip-all.json");
        Files.writeString(tiny, json.replaceFirst("\"grad_skip_norm\"\\s*:\\s*[0-9.eE+]+", "\"grad_skip_norm\": 1e-6"));
        StepMetrics skipped = step(tiny);
        assertTrue(skipped.skipped());
        assertEquals(1.0, skipped.scalars().get("skipped"));
        assertTrue(skipped.scalars().get("grad_norm_g") > 1e-6);
        StepMetrics applied = step(base);
        assertEquals(0.0, applied.scalars().get("skipped"));
        assertArrayEquals(new double[] {skipped.scalars().get("grad_norm_g")},
                new double[] {applied.scalars().get("grad_norm_g")}, 1e-3 * applied.scalars().get("grad_norm_g"),
                "the same first step, judged differently");
    }
}
