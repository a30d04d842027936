package io.voxtok.training.discriminator;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import io.voxtok.training.DiscriminatorForward;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Gradient sanity on small, PyTorch-default-initialised discriminators of every family: the discriminator loss
 * plus the feature-matching and adversarial terms give finite, nonzero gradients for every parameter and for the
 * generated audio (what the generator step needs). The official-size gradients are compared with the fixture in
 * {@link DiscriminatorParityTest}.
 */
class DiscriminatorGradientTest {
    @Test
    void gradientsReachEveryParameterAndTheGeneratedAudio() {
        try (NDManager m = NDManager.newBaseManager()) {
            List<DiscriminatorFamily> families = List.of(
                    MultiPeriodDiscriminator.create(m, MultiPeriodConfig.official().withWidthDivisor(16),
                            DiscriminatorInit.pytorchDefault(1)),
                    MultiScaleDiscriminator.create(m, MultiScaleConfig.official().withWidthDivisor(8),
                            DiscriminatorInit.pytorchDefault(1)),
                    MultiScaleStftDiscriminator.create(m, MultiScaleStftConfig.official().withFilters(8),
                            DiscriminatorInit.pytorchDefault(1)));
            NDArray x = TrainingFixture.nd(m, "inputs/step1_x.npy").reshape(2, 1, -1);
            NDArray xHat = TrainingFixture.nd(m, "expected/step1_x_hat.npy");
            xHat.setRequiresGradient(true);
            List<String> failures = new ArrayList<>();
            for (DiscriminatorFamily d : families) {
                Map<String, Parameter> params = d.block().namedParameters();
                params.values().forEach(p -> p.getArray().setRequiresGradient(true));
                try (NDManager step = m.newSubManager();
                     GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    DiscriminatorForward real = d.forward(x, true);
                    DiscriminatorForward fake = d.forward(xHat, true);
                    NDArray loss = step.zeros(new Shape());
                    for (int i = 0; i < real.logits().size(); i++) {
                        loss = loss.add(real.logits().get(i).sub(1).square().mean())   // discriminator loss
                                .add(fake.logits().get(i).square().mean())
                                .add(fake.logits().get(i).sub(1).square().mean());      // adversarial loss
                        for (int j = 0; j < real.featureMaps().get(i).size(); j++) {   // feature matching
                            loss = loss.add(real.featureMaps().get(i).get(j)
                                    .sub(fake.featureMaps().get(i).get(j)).abs().mean().mul(2));
                        }
                    }
                    gc.backward(loss);
                }
                for (Map.Entry<String, Parameter> p : params.entrySet()) {
                    try (NDArray g = p.getValue().getArray().getGradient()) {
                        if (!Gradients.finiteAndNonzero(g.toFloatArray())) {
                            failures.add(d.family() + "." + p.getKey());
                        }
                    }
                }
                try (NDArray g = xHat.getGradient()) {
                    if (!Gradients.finiteAndNonzero(g.toFloatArray())) {
                        failures.add(d.family() + ": x_hat");
                    }
                    g.subi(g); // DJL accumulates gradients like torch's .grad: reset for the next family
                }
                assertTrue(params.size() > 0);
                d.close();
            }
            assertEquals(List.of(), failures, "tensors without a finite, nonzero gradient");
        }
    }
}
