package io.voxtok.training.loss;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.voxtok.training.TestData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Feature matching, LSGAN and hinge losses against the official formulas run with PyTorch 1.13 on random
 * "discriminator outputs" (2 sub-discriminators with 3 and 2 feature maps), values and gradients.
 */
class GanLossesTest {
    private static final int[] LAYERS = {3, 2};

    private static List<List<NDArray>> maps(NDManager m, String kind, boolean grad) {
        List<List<NDArray>> out = new ArrayList<>();
        for (int i = 0; i < LAYERS.length; i++) {
            List<NDArray> sub = new ArrayList<>();
            for (int j = 0; j < LAYERS[i]; j++) {
                NDArray a = TestData.refNd(m, "loss/fm_" + kind + "_" + i + "_" + j);
                a.setRequiresGradient(grad);
                sub.add(a);
            }
            out.add(sub);
        }
        return out;
    }

    private static List<NDArray> logits(NDManager m, String kind, boolean grad) {
        List<NDArray> out = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            NDArray a = TestData.refNd(m, "loss/adv_" + kind + "_" + i);
            a.setRequiresGradient(grad);
            out.add(a);
        }
        return out;
    }

    private static void assertGradient(NDArray a, String ref) {
        float[] e = TestData.ref(ref).toFloatArray();
        double d = TestData.maxAbsDiff(e, a.getGradient().toFloatArray());
        assertTrue(d <= 1e-7 * Math.max(1, TestData.maxAbs(e)), ref + ": " + d);
    }

    @Test
    void featureMatchingValueAndGradient() {
        Map<String, Object> ref = TestData.refJson("loss/gan");
        try (NDManager m = NDManager.newBaseManager()) {
            List<List<NDArray>> real = maps(m, "real", false);
            List<List<NDArray>> fake = maps(m, "fake", true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray l = FeatureMatchingLoss.compute(real, fake);
                TestData.assertNear(TestData.number(ref, "feature"), l.getFloat(), 2e-6, "feature loss");
                gc.backward(l);
            }
            for (int i = 0; i < LAYERS.length; i++) {
                for (int j = 0; j < LAYERS[i]; j++) {
                    assertGradient(fake.get(i).get(j), "loss/fm_grad_" + i + "_" + j);
                }
            }
        }
    }

    @Test
    void leastSquaresAndHinge() {
        Map<String, Object> ref = TestData.refJson("loss/gan");
        try (NDManager m = NDManager.newBaseManager()) {
            List<NDArray> real = logits(m, "real", false);
            List<NDArray> fake = logits(m, "fake", true);
            TestData.assertNear(TestData.number(ref, "lsgan_d"),
                    AdversarialLoss.LEAST_SQUARES.discriminator(real, fake).getFloat(), 1e-6, "LSGAN D");
            TestData.assertNear(TestData.number(ref, "hinge_d"),
                    AdversarialLoss.HINGE.discriminator(real, fake).getFloat(), 1e-6, "hinge D");
            TestData.assertNear(TestData.number(ref, "hinge_g"),
                    AdversarialLoss.HINGE.generator(fake).getFloat(), 1e-6, "hinge G");
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray l = AdversarialLoss.LEAST_SQUARES.generator(fake);
                TestData.assertNear(TestData.number(ref, "lsgan_g"), l.getFloat(), 1e-6, "LSGAN G");
                gc.backward(l);
            }
            for (int i = 0; i < 2; i++) {
                assertGradient(fake.get(i), "loss/adv_grad_lsgan_" + i);
            }
        }
    }
}
