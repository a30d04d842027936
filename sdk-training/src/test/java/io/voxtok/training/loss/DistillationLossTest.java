package io.voxtok.training.loss;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.voxtok.training.TestData;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * d_axis and t_axis values and gradients w.r.t. F against PyTorch 1.13 ({@code F.cosine_similarity}, official
 * formulas; t_axis with {@code F.l1_loss}) on F (2, 10, 6), S (2, 12, 6) whose item 1 has zero frames 8..9.
 */
class DistillationLossTest {
    @ParameterizedTest
    @ValueSource(strings = {"d_axis", "t_axis", "t_axis_sim2"})
    void valueAndGradientMatchTorch(String variant) {
        DistillationLoss loss = switch (variant) {
            case "d_axis" -> DistillationLoss.dAxis();
            case "t_axis" -> DistillationLoss.tAxis();
            default -> DistillationLoss.tAxis(2.0);
        };
        Map<String, Object> ref = TestData.refJson("loss/distill");
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray f = TestData.refNd(m, "loss/distill_F");
            NDArray s = TestData.refNd(m, "loss/distill_S");
            f.setRequiresGradient(true);
            float value;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray l = loss.compute(f, s);
                value = l.getFloat();
                gc.backward(l);
            }
            double e64 = TestData.number(ref, variant + "_f64");
            double e32 = TestData.number(ref, variant + "_f32");
            System.out.printf("%s: java %.9g, torch f32 %.9g, f64 %.9g%n", variant, value, e32, e64);
            TestData.assertNear(e64, value, 4e-7, variant);
            float[] g = f.getGradient().toFloatArray();
            float[] g64 = TestData.ref("loss/distill_grad_" + variant + "_f64").toFloatArray();
            float[] g32 = TestData.ref("loss/distill_grad_" + variant + "_f32").toFloatArray();
            double d = TestData.maxAbsDiff(g64, g);
            System.out.printf("%s gradient: max |java - f64| %.3g, |torch f32 - f64| %.3g (max %.3g)%n", variant, d,
                    TestData.maxAbsDiff(g64, g32), TestData.maxAbs(g64));
            assertTrue(d <= 1e-6 * Math.max(1, TestData.maxAbs(g64)) + 1e-8, "gradient diff " + d);
        }
    }

    @Test
    void namesAndShapes() {
        assertEquals(DistillationLoss.Axis.D_AXIS, DistillationLoss.of("d_axis").axis());
        assertEquals(1.0, DistillationLoss.of("t_axis").lambdaSim());
        assertThrows(IllegalArgumentException.class, () -> DistillationLoss.of("x_axis"));
        try (NDManager m = NDManager.newBaseManager()) {
            assertThrows(IllegalArgumentException.class, () -> DistillationLoss.dAxis()
                    .compute(m.ones(new ai.djl.ndarray.types.Shape(2, 5, 4)),
                            m.ones(new ai.djl.ndarray.types.Shape(2, 5, 3))));
        }
    }
}
