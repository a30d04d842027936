package io.voxtok.training.optim;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.voxtok.training.TestData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** clip_grad_norm_ against torch 1.13 (gen_training_reference.py), and the logging norms against plain doubles. */
class GradientClippingTest {
    private static final List<String> NAMES = List.of("a", "b", "c");

    /** Parameters whose accumulated gradient is {@code optim/grad_3_<name>}. */
    private static Map<String, NDArray> withGradients(NDManager m) {
        Map<String, NDArray> params = new LinkedHashMap<>();
        for (String n : NAMES) {
            NDArray p = TestData.refNd(m, "optim/init_" + n);
            p.setRequiresGradient(true);
            params.put(n, p);
        }
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray loss = null;
            for (String n : NAMES) {
                NDArray t = params.get(n).mul(TestData.refNd(m, "optim/grad_3_" + n)).sum();
                loss = loss == null ? t : loss.add(t);
            }
            gc.backward(loss);
        }
        return params;
    }

    @ParameterizedTest
    @ValueSource(strings = {"clip", "noclip"})
    @SuppressWarnings("unchecked")
    void matchesTorch(String name) {
        Map<String, Object> ref = (Map<String, Object>) TestData.refJson("optim/clip").get(name);
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> params = withGradients(m);
            float total = GradientClipping.clipGradNorm(params.values(), ((Number) ref.get("max_norm")).doubleValue(),
                    true);
            double expected = ((Number) ref.get("total")).doubleValue();
            TestData.assertNear(expected, total, 2 * Math.ulp((float) expected), "total norm");
            for (String n : NAMES) {
                float[] e = TestData.ref("optim/" + name + "_grad_" + n).toFloatArray();
                double d = TestData.maxAbsDiff(e, params.get(n).getGradient().toFloatArray());
                assertTrue(d <= 2 * Math.ulp((float) TestData.maxAbs(e)), n + ": " + d);
            }
        }
    }

    @Test
    void normsForLogging() {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> params = withGradients(m);
            GradientNorms norms = GradientNorms.of(params);
            assertEquals(NAMES, new ArrayList<>(norms.perParameter().keySet()));
            double sumSq = 0;
            for (String n : NAMES) {
                double s = 0;
                for (float v : TestData.ref("optim/grad_3_" + n).toFloatArray()) {
                    s += (double) v * v;
                }
                assertEquals(Math.sqrt(s), norms.perParameter().get(n), 1e-12 * Math.sqrt(s));
                sumSq += s;
            }
            assertEquals(Math.sqrt(sumSq), norms.total(), 1e-12 * Math.sqrt(sumSq));
        }
    }
}
