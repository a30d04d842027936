package io.voxtok.training.loss;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.voxtok.api.VoxtokException;
import io.voxtok.nn.NativeMemoryChurn;
import io.voxtok.training.TestData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CTC loss values and gradients against {@code torch.nn.functional.ctc_loss} (PyTorch 1.13, float64), written by
 * {@code src/test/python/gen_ctc_reference.py} to {@code reference/loss/ctc.json}: repeated labels that need a blank
 * between them, an empty target, different input and target lengths in one batch, an alignment with exactly one
 * path, an impossible alignment (inf, or 0 with zero_infinity), and the blank as the last class; every reduction.
 * Gradients are compared w.r.t. logits (log_probs = log_softmax(logits)), plus the relation between this class's
 * log-prob gradient and torch's (see {@link CtcLoss}).
 */
class CtcLossTest {
    @SuppressWarnings("unchecked")
    static Stream<Arguments> variants() {
        List<Arguments> out = new ArrayList<>();
        List<Map<String, Object>> cases = (List<Map<String, Object>>) TestData.refJson("loss/ctc").get("cases");
        for (Map<String, Object> c : cases) {
            for (Map<String, Object> v : (List<Map<String, Object>>) c.get("variants")) {
                for (DataType dtype : new DataType[] {DataType.FLOAT64, DataType.FLOAT32}) {
                    out.add(Arguments.of(c.get("name") + " " + v.get("reduction") + " zero_inf="
                            + v.get("zero_infinity") + " " + dtype, c, v, dtype));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void lossAndGradientMatchTorch(String label, Map<String, Object> c, Map<String, Object> v, DataType dtype) {
        CtcLoss loss = new CtcLoss(intOf(c, "blank"), CtcReduction.valueOf(((String) v.get("reduction"))
                .toUpperCase(java.util.Locale.ROOT)), (Boolean) v.get("zero_infinity"));
        double[] expected = doubles(v.get("loss"));
        boolean f64 = dtype == DataType.FLOAT64;
        // float64 follows torch's float64 to rounding; float32 carries float32 rounding over T steps
        double valueTol = f64 ? 1e-10 : 2e-5;
        double gradTol = f64 ? 1e-10 : 2e-6;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = logits(m, c).toType(dtype, false);
            logits.setRequiresGradient(true);
            double[] actual;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray l = loss.compute(logits.logSoftmax(2), targets(c), ints(c.get("input_lengths")));
                assertEquals(dtype, l.getDataType());
                actual = l.toType(DataType.FLOAT64, false).toDoubleArray();
                NativeMemoryChurn.churn();
                if (v.get("grad_logits") != null) {
                    gc.backward(l.sum());
                }
            }
            assertEquals(expected.length, actual.length);
            for (int i = 0; i < expected.length; i++) {
                if (Double.isInfinite(expected[i])) {
                    assertEquals(Double.POSITIVE_INFINITY, actual[i], label + " item " + i);
                } else {
                    TestData.assertNear(expected[i], actual[i], valueTol * Math.max(1, Math.abs(expected[i])),
                            label + " loss " + i);
                }
            }
            if (v.get("grad_logits") != null) {
                double[] g = logits.getGradient().toType(DataType.FLOAT64, false).toDoubleArray();
                double[] e = doubles(v.get("grad_logits"));
                double d = maxAbsDiff(e, g);
                assertTrue(d <= gradTol, label + ": gradient max |diff| " + d);
            }
        }
    }

    /**
     * This class's gradient w.r.t. log-probs is the derivative of the loss; torch's adds {@code exp(log_probs) * g_b}
     * (g_b = 1 for reduction sum, 0 for an impossible item with zero_infinity).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void logProbGradientDiffersFromTorchByTheNormalisationTerm(String name, Map<String, Object> c) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray lp = logits(m, c).logSoftmax(2);
            lp.setRequiresGradient(true);
            int[][] targets = targets(c);
            int[] lengths = ints(c.get("input_lengths"));
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(new CtcLoss(intOf(c, "blank"), CtcReduction.SUM, true).compute(lp, targets, lengths));
            }
            double[] ours = lp.getGradient().toDoubleArray();
            double[] probs = lp.exp().toDoubleArray();
            double[] torch = doubles(c.get("torch_grad_log_probs_sum_zero_inf"));
            int steps = intOf(c, "T");
            int batch = intOf(c, "B");
            int classes = intOf(c, "C");
            double max = 0;
            for (int t = 0; t < steps; t++) {
                for (int b = 0; b < batch; b++) {
                    // torch's kernel writes nothing past an item's length; a dropped (impossible) item gets 0
                    boolean counted = t < lengths[b] && CtcLoss.feasible(targets[b], lengths[b]);
                    for (int k = 0; k < classes; k++) {
                        int i = (t * batch + b) * classes + k;
                        double expected = counted ? torch[i] - probs[i] : torch[i];
                        max = Math.max(max, Math.abs(expected - ours[i]));
                    }
                }
            }
            assertTrue(max < 1e-10, name + ": max |diff| " + max);
        }
    }

    @SuppressWarnings("unchecked")
    static Stream<Arguments> cases() {
        List<Map<String, Object>> cases = (List<Map<String, Object>>) TestData.refJson("loss/ctc").get("cases");
        return cases.stream().map(c -> Arguments.of(c.get("name"), c));
    }

    @Test
    void feasibilityCountsBlanksBetweenRepeats() {
        assertTrue(CtcLoss.feasible(new int[] {2, 2}, 3));
        assertFalse(CtcLoss.feasible(new int[] {2, 2}, 2));
        assertTrue(CtcLoss.feasible(new int[] {1, 2}, 2));
        assertFalse(CtcLoss.feasible(new int[] {1, 1, 1}, 4));
        assertTrue(CtcLoss.feasible(new int[0], 1));
    }

    @Test
    void badInputIsRejectedWithTheReason() {
        CtcLoss loss = CtcLoss.defaults();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray lp = m.zeros(new Shape(4, 1, 3));
            assertThrows(VoxtokException.class, () -> loss.compute(lp, new int[][] {{0}}, new int[] {4}));
            assertThrows(VoxtokException.class, () -> loss.compute(lp, new int[][] {{3}}, new int[] {4}));
            assertThrows(VoxtokException.class, () -> loss.compute(lp, new int[][] {{1}}, new int[] {5}));
            assertThrows(VoxtokException.class, () -> loss.compute(lp, new int[][] {{1}, {2}}, new int[] {4}));
            assertThrows(VoxtokException.class, () -> loss.compute(m.zeros(new Shape(4, 3)), new int[][] {{1}},
                    new int[] {4}));
            assertThrows(VoxtokException.class, () -> new CtcLoss(3, CtcReduction.SUM, false)
                    .compute(lp, new int[][] {{1}}, new int[] {4}));
        }
    }


    private static NDArray logits(NDManager m, Map<String, Object> c) {
        return m.create(doubles(c.get("logits")), new Shape(intOf(c, "T"), intOf(c, "B"), intOf(c, "C")));
    }

    @SuppressWarnings("unchecked")
    private static int[][] targets(Map<String, Object> c) {
        List<Object> t = (List<Object>) c.get("targets");
        int[][] out = new int[t.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = ints(t.get(i));
        }
        return out;
    }

    private static int intOf(Map<String, Object> c, String key) {
        return ((Number) c.get(key)).intValue();
    }

    @SuppressWarnings("unchecked")
    private static int[] ints(Object list) {
        return ((List<Object>) list).stream().mapToInt(o -> ((Number) o).intValue()).toArray();
    }

    @SuppressWarnings("unchecked")
    private static double[] doubles(Object list) {
        return ((List<Object>) list).stream()
                .mapToDouble(o -> "inf".equals(o) ? Double.POSITIVE_INFINITY : ((Number) o).doubleValue()).toArray();
    }

    private static double maxAbsDiff(double[] e, double[] a) {
        assertEquals(e.length, a.length);
        double max = 0;
        for (int i = 0; i < e.length; i++) {
            max = Math.max(max, Math.abs(e[i] - a[i]));
        }
        return max;
    }
}
