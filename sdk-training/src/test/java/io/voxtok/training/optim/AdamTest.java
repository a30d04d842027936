package io.voxtok.training.optim;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.voxtok.modelio.Tensor;
import io.voxtok.training.TestData;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Adam + CosineAnnealingLR against torch 1.13 (gen_training_reference.py): three parameters, five steps with fixed
 * gradients (one exactly zero, one 1e-9), lr from {@code CosineAnnealingLR(T_max=4, eta_min=1e-5)} stepped once
 * before the first batch; configurations "st" (SpeechTokenizer: betas 0.9/0.99, eps 1e-8) and "wd" (betas 0.8/0.95,
 * eps 1e-6, weight decay 0.01, maximize).
 */
class AdamTest {
    private static final List<String> NAMES = List.of("a", "b", "c");
    private static final int STEPS = 5;

    private static AdamSettings settings(String cfg) {
        return cfg.equals("st") ? AdamSettings.speechTokenizer() : new AdamSettings(0.8, 0.95, 1e-6, 0.01, true);
    }

    private static Map<String, NDArray> initialParameters(NDManager m) {
        Map<String, NDArray> p = new LinkedHashMap<>();
        for (String n : NAMES) {
            p.put(n, TestData.refNd(m, "optim/init_" + n));
        }
        return p;
    }

    private static Map<String, NDArray> gradients(NDManager m, int step) {
        Map<String, NDArray> g = new LinkedHashMap<>();
        for (String n : NAMES) {
            g.put(n, TestData.refNd(m, "optim/grad_" + step + "_" + n));
        }
        return g;
    }

    /** Max |java - torch| relative to the step's lr (updates are about lr in size). */
    private static double compare(Map<String, NDArray> params, String prefix, double scale) {
        double worst = 0;
        for (String n : NAMES) {
            float[] e = TestData.ref(prefix + n).toFloatArray();
            worst = Math.max(worst, TestData.maxAbsDiff(e, params.get(n).toFloatArray()) / scale);
        }
        return worst;
    }

    @ParameterizedTest
    @ValueSource(strings = {"st", "wd"})
    void matchesTorchWithExplicitGradients(String cfg) {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> params = initialParameters(m);
            CosineAnnealingSchedule schedule = new CosineAnnealingSchedule(1e-3, 4, 1e-5);
            schedule.step();
            double worstParam = 0;
            try (Adam adam = new Adam(params, settings(cfg))) {
                for (int i = 0; i < STEPS; i++) {
                    adam.step(schedule.lr(), gradients(m, i));
                    schedule.step();
                    worstParam = Math.max(worstParam, compare(params, "optim/" + cfg + "_param_" + i + "_", 1e-3));
                }
                AdamState state = adam.exportState();
                double worstM = 0;
                double worstV = 0;
                for (String n : NAMES) {
                    assertEquals(STEPS, state.steps().get(n));
                    float[] em = TestData.ref("optim/" + cfg + "_exp_avg_" + n).toFloatArray();
                    float[] ev = TestData.ref("optim/" + cfg + "_exp_avg_sq_" + n).toFloatArray();
                    worstM = Math.max(worstM, TestData.maxAbsDiff(em, state.expAvg().get(n).toFloatArray())
                            / TestData.maxAbs(em));
                    worstV = Math.max(worstV, TestData.maxAbsDiff(ev, state.expAvgSq().get(n).toFloatArray())
                            / TestData.maxAbs(ev));
                }
                System.out.printf("Adam %s: max |param diff| / lr_max %.3g, exp_avg rel %.3g, exp_avg_sq rel %.3g%n",
                        cfg, worstParam, worstM, worstV);
                // one float32 ulp in the moments (torch fuses the EMA multiply-add) moves a step by ~1e-7 of lr
                assertTrue(worstParam <= 1e-5, "params: " + worstParam);
                assertTrue(worstM <= 1e-6, "exp_avg: " + worstM);
                assertTrue(worstV <= 1e-6, "exp_avg_sq: " + worstV);
            }
        }
    }

    @Test
    void usesAccumulatedGradientsOfLeafParameters() {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> params = initialParameters(m);
            params.values().forEach(p -> p.setRequiresGradient(true));
            CosineAnnealingSchedule schedule = new CosineAnnealingSchedule(1e-3, 4, 1e-5);
            schedule.step();
            try (Adam adam = new Adam(params, AdamSettings.speechTokenizer())) {
                for (int i = 0; i < STEPS; i++) {
                    Map<String, NDArray> g = gradients(m, i);
                    for (NDArray p : params.values()) {
                        try (NDArray grad = p.getGradient()) {
                            grad.muli(0); // DJL accumulates gradients: zero them as optim.zero_grad() does
                        }
                    }
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray loss = null;
                        for (String n : NAMES) { // d/dp sum(p * g) = g
                            NDArray t = params.get(n).mul(g.get(n)).sum();
                            loss = loss == null ? t : loss.add(t);
                        }
                        gc.backward(loss);
                    }
                    adam.step(schedule.lr());
                    schedule.step();
                    assertTrue(compare(params, "optim/st_param_" + i + "_", 1e-3) <= 1e-5, "step " + i);
                }
            }
            assertTrue(params.get("a").hasGradient(), "parameters still require gradients");
        }
    }

    @Test
    void resumedRunContinuesBitExactly() {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> straight = initialParameters(m);
            Map<String, NDArray> resumed = initialParameters(m);
            AdamSettings s = settings("wd");
            try (Adam a = new Adam(straight, s)) {
                for (int i = 0; i < STEPS; i++) {
                    a.step(1e-3, gradients(m, i));
                }
            }
            Map<String, Tensor> checkpoint;
            try (Adam first = new Adam(resumed, s)) {
                first.step(1e-3, gradients(m, 0));
                first.step(1e-3, gradients(m, 1));
                checkpoint = first.exportState().toTensors();
            }
            assertEquals(9, checkpoint.size());
            try (Adam second = new Adam(resumed, s)) {
                second.importState(AdamState.fromTensors(checkpoint));
                assertEquals(2, second.steps("a"));
                for (int i = 2; i < STEPS; i++) {
                    second.step(1e-3, gradients(m, i));
                }
            }
            for (String n : NAMES) {
                assertArrayEquals(straight.get(n).toFloatArray(), resumed.get(n).toFloatArray(), n);
            }
        }
    }

    @Test
    void skipsParametersWithoutGradientAndRejectsBadInput() {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> params = initialParameters(m);
            float[] before = params.get("b").toFloatArray();
            try (Adam adam = new Adam(params, AdamSettings.speechTokenizer())) {
                Map<String, NDArray> g = gradients(m, 0);
                g.remove("b");
                adam.step(1e-3, g);
                assertEquals(0, adam.steps("b"));
                assertEquals(1, adam.steps("a"));
                assertArrayEquals(before, params.get("b").toFloatArray());
                assertEquals(List.of("a", "c"), adam.exportState().steps().keySet().stream().sorted().toList());
                assertThrows(IllegalArgumentException.class,
                        () -> adam.step(1e-3, Map.of("zzz", m.zeros(new ai.djl.ndarray.types.Shape(1)))));
                assertThrows(IllegalArgumentException.class,
                        () -> adam.step(1e-3, Map.of("a", m.zeros(new ai.djl.ndarray.types.Shape(4, 3)))));
            }
        }
    }
}
