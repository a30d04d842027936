package io.voxtok.training.discriminator;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import io.voxtok.modelio.StateDict;
import io.voxtok.training.DiscriminatorForward;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The first discriminator step of the training parity fixture, per family at official size with the initial
 * weights in training mode.
 *
 * <p>Case (a): {@code disc(x, x_hat)}; every logit and feature-map file (maps sampled at
 * {@code (k * numel) // 2048}) within its manifest {@code suggested_atol}, and the MSD spectral-norm vectors after
 * the call (two power iterations).
 *
 * <p>Step-1 gradients: of the LSGAN loss {@code sum_i mean((1 - D_i(x))^2) + mean(D_i(x_hat)^2)} (the trainer's
 * {@code loss_disc_all} is a sum over families, so each family's gradient is that of its own term), finite and
 * nonzero for every parameter and within each tensor's {@code suggested_rtol_l2} (relative L2 over the stored
 * values) of {@code expected/step1_grads_disc_*_sampled.npy}.
 */
class DiscriminatorParityTest {
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

    /** Loaded from disc_mstftd.pt (ClosedFormWeightsTest shows the rule regenerates it bit for bit). */
    @Test
    void multiScaleStft() {
        StateDict stored = StateDict.read(TrainingFixture.file("disc_mstftd.pt"));
        try (NDManager m = NDManager.newBaseManager();
             DiscriminatorFamily d = MultiScaleStftDiscriminator.create(m, MultiScaleStftConfig.official(),
                     DiscriminatorInit.fromStateDict(stored))) {
            check(m, d);
        }
    }

    private static void check(NDManager parent, DiscriminatorFamily d) {
        Map<String, Parameter> params = d.block().namedParameters();
        params.values().forEach(p -> p.getArray().setRequiresGradient(true));
        double forwardSeconds;
        double totalSeconds;
        try (NDManager m = parent.newSubManager()) {
            NDArray x = TrainingFixture.nd(m, "inputs/step1_x.npy");
            x = x.reshape(x.getShape().get(0), 1, -1);
            NDArray xHat = TrainingFixture.nd(m, "expected/step1_x_hat.npy");
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                long t0 = System.nanoTime();
                DiscriminatorForward real = d.forward(x, true);
                DiscriminatorForward fake = d.forward(xHat, true);
                NDArray loss = m.zeros(new Shape());
                for (int i = 0; i < real.logits().size(); i++) {
                    loss = loss.add(real.logits().get(i).sub(1).square().mean())
                            .add(fake.logits().get(i).square().mean());
                }
                loss.getFloat();
                forwardSeconds = (System.nanoTime() - t0) / 1e9;
                gc.backward(loss);
                totalSeconds = (System.nanoTime() - t0) / 1e9;
                checkOutputs(d, real, fake);
            }
        }
        checkGradients(d, params);
        System.out.printf("%s: forward real+fake %.2f s, + backward %.2f s (2 x 1 s, official size, first call)%n",
                d.family(), forwardSeconds, totalSeconds);
    }

    private static void checkOutputs(DiscriminatorFamily d, DiscriminatorForward real, DiscriminatorForward fake) {
        assertEquals(d.names().size(), real.logits().size());
        double worstRatio = 0;
        double worstErr = 0;
        String worst = "";
        int files = 0;
        List<String> failures = new ArrayList<>();
        for (Map<String, Object> f : TrainingFixture.files("a_disc")) {
            if (!d.family().equals(f.get("family"))) {
                continue;
            }
            String file = (String) f.get("file");
            String name = file.substring(file.lastIndexOf('/') + 1);
            int sub = ((Number) f.get("sub")).intValue();
            float[] actual;
            if (name.startsWith("sn_")) {
                int j = Integer.parseInt(name.replaceAll("\\D", ""));
                String conv = j == 7 ? "conv_post" : "convs." + j;
                actual = d.stateDict().get("discriminators.0." + conv + ".weight_" + name.charAt(3)).toFloatArray();
            } else {
                DiscriminatorForward out = name.startsWith("real") ? real : fake;
                if (name.contains("logit")) {
                    actual = out.logits().get(sub).toFloatArray();
                } else {
                    NDArray map = out.featureMaps().get(sub).get(((Number) f.get("layer")).intValue());
                    @SuppressWarnings("unchecked")
                    long[] shape = ((List<Number>) f.get("tensor_shape")).stream()
                            .mapToLong(Number::longValue).toArray();
                    assertArrayEquals(shape, map.getShape().getShape(), file);
                    float[] all = map.toFloatArray();
                    actual = TrainingFixture.gather(all,
                            TrainingFixture.sampleIndex(all.length, TrainingFixture.FMAP_SAMPLES));
                }
            }
            double err = TrainingFixture.maxAbsDiff(TrainingFixture.npy(file).toFloatArray(), actual);
            double atol = TrainingFixture.suggestedAtol(f);
            if (!(err <= atol)) {
                failures.add(String.format("%s: max |diff| %.3g > atol %.3g", file, err, atol));
            }
            if (err / atol > worstRatio) {
                worstRatio = err / atol;
                worst = name;
            }
            worstErr = Math.max(worstErr, err);
            files++;
        }
        System.out.printf("%s case (a): %d files, max |diff| %.3g, worst diff/atol %.3f (%s)%n", d.family(), files,
                worstErr, worstRatio, worst);
        assertTrue(files > 0, "no fixture files for " + d.family());
        assertEquals(List.of(), failures);
    }

    private static void checkGradients(DiscriminatorFamily d, Map<String, Parameter> params) {
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
            if (!Gradients.finiteAndNonzero(grad)) {
                failures.add(key + ": gradient not finite or zero");
                continue;
            }
            long[] idx = grad.length <= TrainingFixture.STATE_FULL_MAX
                    ? TrainingFixture.sampleIndex(grad.length, grad.length)
                    : TrainingFixture.sampleIndex(grad.length, TrainingFixture.STATE_SAMPLES);
            double rel = Gradients.relativeL2(TrainingFixture.gather(grad, idx),
                    Arrays.copyOfRange(expected, offset, offset + count));
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
        System.out.printf("%s step-1 gradients: %d tensors, worst relative L2 %.3g (%s)%n", d.family(),
                tensors.size(), worstRel, worst);
        assertEquals(List.of(), failures);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> gradTensors(String family) {
        Map<String, Object> grads = (Map<String, Object>) TrainingFixture.manifest().get("grads_step1");
        return (List<Map<String, Object>>) ((Map<String, Object>) grads.get("disc_" + family)).get("tensors");
    }
}
