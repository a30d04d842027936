package io.voxtok.plugin.uslm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import io.voxtok.plugin.uslm.model.UslmModel;
import io.voxtok.plugin.uslm.training.StageSampler;
import io.voxtok.plugin.uslm.training.UslmBatch;
import io.voxtok.plugin.uslm.training.UslmTrainingForward;
import io.voxtok.plugin.uslm.training.UslmTrainingOutput;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The training forward is differentiable in the block parameters (dropout on): the AR, the NAR stages trained and
 * the tied embeddings receive gradients, the frozen NAR position scales do not, and every state-dict key of the
 * official layout is exported.
 */
class UslmTrainingGradientTest {
    @Test
    void lossBackpropagatesIntoTheParameters() {
        try (UslmModel model = UslmFixture.load("uslm"); NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            Map<String, Parameter> params = model.network().namedParameters();
            for (Parameter p : params.values()) {
                if (p.requiresGradient()) {
                    p.getArray().setRequiresGradient(true);
                }
            }
            UslmBatch batch = new UslmBatch(UslmFixture.longs(m, "uslm", "inputs/train_x"),
                    UslmFixture.longs(m, "uslm", "inputs/train_x_lens"), UslmFixture.longs(m, "uslm", "inputs/train_y"),
                    UslmFixture.longs(m, "uslm", "inputs/train_y_lens"));
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                UslmTrainingOutput out = new UslmTrainingForward(model.network(), StageSampler.fixed(3))
                        .forward(batch, 0, true, false);
                assertTrue(Float.isFinite(out.totalLoss().getFloat()));
                gc.backward(out.totalLoss());
            }
            assertTrue(gradNorm(params.get("ar_text_position.alpha")) > 0);
            assertTrue(gradNorm(params.get("ar_decoder.layers.1.self_attn.in_proj_weight")) > 0);
            assertTrue(gradNorm(params.get("ar_predict_layer.weight")) > 0);
            assertTrue(gradNorm(params.get("nar_decoder.layers.0.norm1.project_layer.weight")) > 0);
            // Embedding 3 is both the input embedding of RVQ-4 (unused by stages 1 and 3) and, tied, the output
            // layer of stage 2 (unused here): no gradient; embedding 4 is tied to the output layer of stage 3.
            assertEquals(0.0, gradNorm(params.get("nar_audio_embeddings.3.word_embeddings.weight")));
            assertTrue(gradNorm(params.get("nar_audio_embeddings.4.word_embeddings.weight")) > 0);
            assertFalse(params.get("nar_text_position.alpha").requiresGradient(), "official: NAR alphas frozen");
            assertEquals(92, model.network().officialStateDict().size(), "official state_dict tensors");
        }
    }

    private static double gradNorm(Parameter p) {
        NDArray a = p.getArray();
        try (NDArray g = a.getGradient(); NDArray n = g.abs().sum()) {
            return n.getFloat();
        }
    }
}
