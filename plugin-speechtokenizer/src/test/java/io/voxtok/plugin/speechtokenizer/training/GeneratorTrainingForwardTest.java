package io.voxtok.plugin.speechtokenizer.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.voxtok.modelio.StateDict;
import io.voxtok.modelio.Tensor;
import io.voxtok.nn.backend.PyTorchBackend;
import io.voxtok.plugin.speechtokenizer.config.SpeechTokenizerConfig;
import io.voxtok.plugin.speechtokenizer.model.SpeechTokenizerNetwork;
import io.voxtok.training.CodecForward;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The generator's training forward (official {@code SpeechTokenizer.forward} in train mode) on step 1 of the
 * official training fixture: reconstruction, distillation feature, codes, and the codebook buffers after the EMA
 * update (buffers are not touched by the optimiser, so after step 1 they are exactly the forward's result).
 */
class GeneratorTrainingForwardTest {

    @Test
    void stepOneForwardMatchesTheOfficialTrainer() {
        Map<String, Object> step1 = TrainingFixture.trainSteps().get(0);
        SpeechTokenizerConfig config = SpeechTokenizerConfig.read(TrainingFixture.dir().resolve("config.json"));
        try (NDManager m = PyTorchBackend.newManager(ai.djl.Device.cpu())) {
            SpeechTokenizerNetwork g = SpeechTokenizerNetwork.trainable(config,
                    StateDict.read(TrainingFixture.dir().resolve("generator_init.pt")), m);
            Tensor x = TrainingFixture.npy("inputs/step1_x.npy");
            NDArray audio = m.create(x.toFloatArray(), new Shape(x.shape()[0], 1, x.shape()[1]));
            CodecForward out = g.forward(audio, config.nQ(), true);

            assertArrayEquals(TrainingFixture.npy("expected/step1_codes.npy").toLongArray(), out.codes().toLongArray(),
                    "codes");
            checkAbs(out.reconstruction().toFloatArray(), "expected/step1_x_hat.npy",
                    TrainingFixture.map(step1.get("x_hat"), "tolerance"));
            checkAbs(out.semanticFeature().toFloatArray(), "expected/step1_feature.npy",
                    TrainingFixture.map(step1.get("feature"), "tolerance"));
            @SuppressWarnings("unchecked")
            List<Number> expired = (List<Number>) step1.get("expired_codes_per_layer_before_update");
            assertArrayEquals(expired.stream().mapToInt(Number::intValue).toArray(), out.deadCodes(),
                    "codes below the dead-code threshold before the update");
            double lq = TrainingFixture.number(TrainingFixture.map(step1, "losses").get("L_q"), "value");
            assertEquals(lq, out.commitmentLoss().getFloat(), 1e-6 * Math.max(1, Math.abs(lq)), "L_q");

            // codebook buffers after the EMA update vs the official state after step 1
            StateDict after = StateDict.read(TrainingFixture.dir().resolve("after_step1/generator.pt"));
            Map<String, Object> tolerances = TrainingFixture.map(TrainingFixture.map(
                    TrainingFixture.map(TrainingFixture.manifest().get("states"), "after_step1"), "generator.pt"),
                    "tensors");
            List<String> failures = new ArrayList<>();
            int checked = 0;
            for (Map.Entry<String, NDArray> e : g.namedBuffers().entrySet()) {
                float[] expected = after.find(e.getKey()).orElseThrow().toFloatArray();
                @SuppressWarnings("unchecked")
                Map<String, Object> tol = (Map<String, Object>) tolerances.get(e.getKey());
                String f = TrainingFixture.checkWithOutliers(e.getValue().toFloatArray(), expected, tol, e.getKey());
                if (f != null) {
                    failures.add(f);
                }
                checked++;
            }
            assertEquals(4 * config.nQ(), checked);
            assertTrue(failures.isEmpty(), String.join("\n", failures));
        }
    }

    private static void checkAbs(float[] actual, String file, Map<String, Object> tolerance) {
        double atol = TrainingFixture.number(tolerance, "suggested_atol");
        double err = TrainingFixture.maxAbsDiff(actual, TrainingFixture.npy(file).toFloatArray(), file);
        assertTrue(err <= atol, file + ": max abs error " + err + " > " + atol);
    }
}
