package io.voxtok.training.discriminator;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import io.voxtok.modelio.StateDict;
import io.voxtok.training.DiscriminatorForward;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Gradients of the LSGAN discriminator loss {@code sum_i mean((1 - D_i(x))^2) + mean(D_i(x_hat)^2)} of step 1
 * (initial weights, training mode): finite and nonzero for every parameter, and equal to the fixture's step-1
 * discriminator gradients ({@code expected/step1_grads_disc_*_sampled.npy}; the trainer's {@code loss_disc_all} is a
 * sum over families, so each family's gradient is its own loss's) within each tensor's
 * {@code suggested_rtol_l2} (relative L2 over the stored values). Also times forward + backward at official size.
 */
class DiscriminatorGradientTest {
    @Test
    void multiPeriod() {
        try (NDManager m = NDManager.newBaseManager();
             DiscriminatorFamily d = MultiPeriodDiscriminator.create(m, MultiPeriodConfig.official(),
                     DiscriminatorInit.closedForm(TrainingFixture.DISC_SEED))) {
            check(m, d);
        }
    }

    @Test
    void multiScale() {
        try (NDManager m = NDManager.newBaseManager();
             DiscriminatorFamily d = MultiScaleDiscriminator.create(m, MultiScaleConfig.official(),
                     DiscriminatorInit.closedForm(TrainingFixture.DISC_SEED))) {
            check(m, d);
        }
    }

    @Test
    void multiScaleStft() {
        StateDict stored = StateDict.read(TrainingFixture.file("disc_mstftd.pt"));
        try (NDManager m = NDManager.newBaseManager();
             DiscriminatorFamily d = MultiScaleStftDiscriminator.create(m, MultiScaleStftConfig.official(),
                     DiscriminatorInit.fromStateDict(stored))) {
            check(m, d);
        }
    }

    /** The gradient with respect to the generated audio (what the generator step needs) is finite and nonzero. */
    @Test
    void gradientReachesTheGeneratedAudio() {
        try (NDManager m = NDManager.newBaseManager()) {
            List<DiscriminatorFamily> families = List.of(
                    MultiPeriodDiscriminator.create(m, MultiPeriodConfig.official().withWidthDivisor(16),
                            DiscriminatorInit.pytorchDefault(1)),
                    MultiScaleDiscriminator.create(m, MultiScaleConfig.official().withWidthDivisor(8),
                            DiscriminatorInit.pytorchDefault(1)),
                    MultiScaleStftDiscriminator.create(m, MultiScaleStftConfig.official().withFilters(8),
                            DiscriminatorInit.pytorchDefault(1)));
            NDArray xHat = TrainingFixture.nd(m, "expected/step1_x_hat.npy");
            xHat.setRequiresGradient(true);
            for (DiscriminatorFamily d : families) {
                try (NDManager step = m.newSubManager();
                     GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    DiscriminatorForward fake = d.forward(xHat, true);
                    NDArray loss = step.zeros(new ai.djl.ndarray.types.Shape());
                    for (NDArray logits : fake.logits()) {
                        loss = loss.add(logits.sub(1).square().mean()); // adversarial loss
                    }
                    gc.backward(loss);
                }
                float[] g = xHat.getGradient().toFloatArray();
                assertTrue(allFinite(g) && l2(g) > 0, d.family() + ": gradient w.r.t. x_hat");
                xHat.getGradient().subi(xHat.getGradient()); // DJL accumulates gradients: reset
                d.close();
            }
        }
    }

    private static void check(NDManager parent, DiscriminatorFamily d) {
        Map<String, Parameter> params = d.block().namedParameters();
        params.values().forEach(p -> p.getArray().setRequiresGradient(true));
        long t0;
        double seconds;
        try (NDManager m = parent.newSubManager()) {
            NDArray x = TrainingFixture.nd(m, "inputs/step1_x.npy");
            x = x.reshape(x.getShape().get(0), 1, -1);
            NDArray xHat = TrainingFixture.nd(m, "expected/step1_x_hat.npy");
            t0 = System.nanoTime();
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                DiscriminatorForward real = d.forward(x, true);
                DiscriminatorForward fake = d.forward(xHat, true);
                NDArray loss = m.zeros(new ai.djl.ndarray.types.Shape());
                for (int i = 0; i < real.logits().size(); i++) {
                    NDArray r = real.logits().get(i).sub(1).square().mean();
                    NDArray g = fake.logits().get(i).square().mean();
                    loss = loss.add(r.add(g));
                }
                gc.backward(loss);
            }
            seconds = (System.nanoTime() - t0) / 1e9;
        }
        float[] expected = TrainingFixture.npy("expected/step1_grads_disc_" + d.family() + "_sampled.npy")
                .toFloatArray();
        List<Map<String, Object>> tensors = gradTensors(d.family());
        assertEquals(new ArrayList<>(params.keySet()), tensors.stream().map(t -> (String) t.get("key")).toList(),
                "parameters in official order");
        List<String> failures = new ArrayList<>();
        double worstRel = 0;
        String worst = "";
        for (Map<String, Object> t : tensors) {
            String key = (String) t.get("key");
            int offset = ((Number) t.get("offset")).intValue();
            int count = ((Number) t.get("count")).intValue();
            float[] grad;
            try (NDArray g = params.get(key).getArray().getGradient()) {
                grad = g.toFloatArray();
            }
            if (!allFinite(grad) || l2(grad) == 0) {
                failures.add(key + ": gradient not finite or zero");
                continue;
            }
            long[] idx = grad.length <= TrainingFixture.STATE_FULL_MAX
                    ? TrainingFixture.sampleIndex(grad.length, grad.length)
                    : TrainingFixture.sampleIndex(grad.length, TrainingFixture.STATE_SAMPLES);
            float[] got = TrainingFixture.gather(grad, idx);
            float[] want = Arrays.copyOfRange(expected, offset, offset + count);
            double rel = relL2(got, want);
            @SuppressWarnings("unchecked")
            double rtol = ((Number) ((Map<String, Object>) t.get("tolerance")).get("suggested_rtol_l2"))
                    .doubleValue();
            if (!(rel <= rtol)) {
                failures.add(String.format("%s: relative L2 %.3g > %.3g", key, rel, rtol));
            }
            if (rel > worstRel) {
                worstRel = rel;
                worst = key;
            }
        }
        System.out.printf("%s gradients: %d tensors, worst relative L2 %.3g (%s); forward real+fake + backward "
                + "%.2f s (2 x 1 s, official size)%n", d.family(), tensors.size(), worstRel, worst, seconds);
        assertEquals(List.of(), failures);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> gradTensors(String family) {
        Map<String, Object> grads = (Map<String, Object>) TrainingFixture.manifest().get("grads_step1");
        return (List<Map<String, Object>>) ((Map<String, Object>) grads.get("disc_" + family)).get("tensors");
    }

    private static boolean allFinite(float[] v) {
        for (float f : v) {
            if (!Float.isFinite(f)) {
                return false;
            }
        }
        return true;
    }

    private static double l2(float[] v) {
        double s = 0;
        for (float f : v) {
            s += (double) f * f;
        }
        return Math.sqrt(s);
    }

    private static double relL2(float[] got, float[] want) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < want.length; i++) {
            double d = (double) got[i] - want[i];
            num += d * d;
            den += (double) want[i] * want[i];
        }
        return Math.sqrt(num) / Math.sqrt(den);
    }
}
