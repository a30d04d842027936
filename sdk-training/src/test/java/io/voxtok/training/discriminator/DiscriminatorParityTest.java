package io.voxtok.training.discriminator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.voxtok.modelio.StateDict;
import io.voxtok.modelio.Tensor;
import io.voxtok.training.DiscriminatorForward;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Case (a) of the training parity fixture: {@code disc(x, x_hat)} of each family with the initial weights in
 * training mode, i.e. the first discriminator call of step 1; every logit and feature map file (sampled maps at
 * {@code (k * numel) // 2048}) within its manifest {@code suggested_atol}, and the MSD spectral-norm vectors after
 * the call (two power iterations).
 */
class DiscriminatorParityTest {
    @Test
    void multiPeriod() {
        try (NDManager m = NDManager.newBaseManager();
             DiscriminatorFamily d = MultiPeriodDiscriminator.create(m, MultiPeriodConfig.official(),
                     DiscriminatorInit.closedForm(TrainingFixture.DISC_SEED))) {
            check(m, d, null);
        }
    }

    @Test
    void multiScale() {
        try (NDManager m = NDManager.newBaseManager();
             MultiScaleDiscriminator d = MultiScaleDiscriminator.create(m, MultiScaleConfig.official(),
                     DiscriminatorInit.closedForm(TrainingFixture.DISC_SEED))) {
            check(m, d, d);
        }
    }

    @Test
    void multiScaleStft() {
        StateDict stored = StateDict.read(TrainingFixture.file("disc_mstftd.pt"));
        try (NDManager m = NDManager.newBaseManager();
             DiscriminatorFamily d = MultiScaleStftDiscriminator.create(m, MultiScaleStftConfig.official(),
                     DiscriminatorInit.fromStateDict(stored))) {
            check(m, d, null);
        }
    }

    /** With the engine-built windows (not bit-identical to torch's) instead of the stored ones. */
    @Test
    void multiScaleStftWithOwnWindows() {
        try (NDManager m = NDManager.newBaseManager();
             DiscriminatorFamily d = MultiScaleStftDiscriminator.create(m, MultiScaleStftConfig.official(),
                     DiscriminatorInit.closedForm(TrainingFixture.DISC_SEED))) {
            check(m, d, null);
        }
    }

    private static void check(NDManager parent, DiscriminatorFamily d, MultiScaleDiscriminator msd) {
        try (NDManager m = parent.newSubManager()) {
            NDArray x = TrainingFixture.nd(m, "inputs/step1_x.npy");
            x = x.reshape(x.getShape().get(0), 1, -1);
            NDArray xHat = TrainingFixture.nd(m, "expected/step1_x_hat.npy");
            long t0 = System.nanoTime();
            DiscriminatorForward real = d.forward(x, true);
            DiscriminatorForward fake = d.forward(xHat, true);
            double seconds = (System.nanoTime() - t0) / 1e9;
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
                    String key = "discriminators.0." + conv + ".weight_" + name.charAt(3);
                    actual = d.stateDict().get(key).toFloatArray();
                } else {
                    DiscriminatorForward out = name.startsWith("real") ? real : fake;
                    if (name.contains("logit")) {
                        actual = out.logits().get(sub).toFloatArray();
                    } else {
                        int layer = ((Number) f.get("layer")).intValue();
                        NDArray map = out.featureMaps().get(sub).get(layer);
                        @SuppressWarnings("unchecked")
                        long[] shape = ((List<Number>) f.get("tensor_shape")).stream()
                                .mapToLong(Number::longValue).toArray();
                        assertArrayEquals(shape, map.getShape().getShape(), file);
                        float[] all = map.toFloatArray();
                        actual = TrainingFixture.gather(all,
                                TrainingFixture.sampleIndex(all.length, TrainingFixture.FMAP_SAMPLES));
                    }
                }
                Tensor expected = TrainingFixture.npy(file);
                double err = TrainingFixture.maxAbsDiff(expected.toFloatArray(), actual);
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
            System.out.printf("%s case (a): %d files, max |diff| %.3g, worst diff/atol %.3f (%s); "
                    + "real+fake forward %.2f s%n", d.family(), files, worstErr, worstRatio, worst, seconds);
            assertTrue(files > 0, "no fixture files for " + d.family());
            assertEquals(List.of(), failures);
        }
    }
}
