package io.voxtok.plugin.uslm.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import io.voxtok.nn.NativeMemoryChurn;
import io.voxtok.nn.NdArrays;
import io.voxtok.plugin.uslm.UslmFixture;
import io.voxtok.plugin.uslm.model.UslmModel;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Gradients of the training forward do not depend on garbage collection: arrays made from Java data that autograd
 * keeps for the backward pass (embedding indices, the positional table scaled by alpha, loss weights) must be
 * engine-owned, or a collection between forward and backward makes the backward read freed memory. The same
 * forward/backward with {@link NativeMemoryChurn#churn()} in between gives the same gradients as without.
 */
class UslmGradientChurnTest {
    @Test
    void churnBetweenForwardAndBackwardLeavesGradientsUnchanged() {
        try (UslmModel model = UslmFixture.load("uslm")) {
            Map<String, float[]> quiet = gradients(model, false);
            Map<String, float[]> churned = gradients(model, true);
            assertEquals(quiet.keySet(), churned.keySet());
            double norm = 0;
            for (String k : quiet.keySet()) {
                float[] a = quiet.get(k);
                float[] b = churned.get(k);
                for (int i = 0; i < a.length; i++) {
                    assertEquals(a[i], b[i], 1e-6 * (1 + Math.abs(a[i])), k + "[" + i + "]");
                    norm += Math.abs(a[i]);
                }
            }
            assertTrue(norm > 0, "gradients must not all be zero");
            assertTrue(Math.abs(quiet.get("ar_text_position.alpha")[0]) > 0, "alpha receives a gradient");
        }
    }

    private static Map<String, float[]> gradients(UslmModel model, boolean churn) {
        Map<String, Parameter> params = model.network().namedParameters();
        for (Parameter p : params.values()) {
            if (p.requiresGradient()) {
                p.getArray().setRequiresGradient(true);
            }
        }
        Map<String, float[]> out = new LinkedHashMap<>();
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            // the trainer's batch arrays are engine-owned (UslmTrainer)
            UslmBatch batch = new UslmBatch(NdArrays.engineOwned(UslmFixture.longs(m, "uslm", "inputs/train_x")),
                    NdArrays.engineOwned(UslmFixture.longs(m, "uslm", "inputs/train_x_lens")),
                    NdArrays.engineOwned(UslmFixture.longs(m, "uslm", "inputs/train_y")),
                    NdArrays.engineOwned(UslmFixture.longs(m, "uslm", "inputs/train_y_lens")));
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                for (Parameter p : params.values()) {
                    if (p.requiresGradient()) {
                        try (NDArray g = p.getArray().getGradient()) {
                            g.set(new NDIndex("..."), 0f);
                        }
                    }
                }
                UslmTrainingOutput o = new UslmTrainingForward(model.network(), StageSampler.fixed(3))
                        .forward(batch, 0, false, false);
                NDArray loss = NdArrays.div(o.totalLoss(), 100);
                if (churn) {
                    NativeMemoryChurn.churn();
                }
                gc.backward(loss);
            }
            for (Map.Entry<String, Parameter> e : params.entrySet()) {
                if (e.getValue().requiresGradient()) {
                    try (NDArray g = e.getValue().getArray().getGradient()) {
                        out.put(e.getKey(), g.toFloatArray());
                    }
                }
            }
        }
        return out;
    }
}
