package io.voxtok.nn.recurrent;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import io.voxtok.modelio.Json;
import io.voxtok.nn.NativeMemoryChurn;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Training through {@link Lstm}: gradients of a 2-layer bidirectional LSTM with per-item lengths against
 * {@code nn.LSTM} on a packed sequence (PyTorch 1.13, {@code src/test/python/gen_lstm_grad_reference.py}), and the
 * from-scratch initialisation.
 */
class LstmTrainingTest {
    @Test
    @SuppressWarnings("unchecked")
    void gradientsMatchTorchPackedSequence() throws URISyntaxException {
        Map<String, Object> ref = Json.readObject(Path.of(getClass()
                .getResource("/reference/recurrent/lstm_grad.json").toURI()));
        int steps = num(ref, "T");
        int batch = num(ref, "B");
        int in = num(ref, "I");
        int hidden = num(ref, "H");
        int[] lengths = ((List<Object>) ref.get("lengths")).stream().mapToInt(o -> ((Number) o).intValue()).toArray();
        Map<String, Object> params = (Map<String, Object>) ref.get("params");
        Map<String, Object> grads = (Map<String, Object>) ref.get("param_grads");
        try (NDManager m = NDManager.newBaseManager()) {
            LstmCellWeights[][] layers = new LstmCellWeights[2][2];
            for (int l = 0; l < 2; l++) {
                for (int d = 0; d < 2; d++) {
                    String suffix = "_l" + l + (d == 1 ? "_reverse" : "");
                    int layerIn = l == 0 ? in : 2 * hidden;
                    layers[l][d] = new LstmCellWeights(
                            m.create(floats(params.get("weight_ih" + suffix)), new Shape(4L * hidden, layerIn)),
                            m.create(floats(params.get("weight_hh" + suffix)), new Shape(4L * hidden, hidden)),
                            m.create(floats(params.get("bias_ih" + suffix)), new Shape(4L * hidden)),
                            m.create(floats(params.get("bias_hh" + suffix)), new Shape(4L * hidden)));
                }
            }
            Lstm lstm = new Lstm(layers, in, hidden, true);
            lstm.namedParameters().values().forEach(p -> p.getArray().setRequiresGradient(true));
            NDArray x = m.create(floats(ref.get("x")), new Shape(steps, batch, in));
            x.setRequiresGradient(true);
            float[] mask = new float[steps * batch];
            for (int t = 0; t < steps; t++) {
                for (int b = 0; b < batch; b++) {
                    mask[t * batch + b] = t < lengths[b] ? 1 : 0;
                }
            }
            NDArray w = m.create(floats(ref.get("w")), new Shape(steps, batch, 2L * hidden));
            float loss;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray out = lstm.forward(x, lengths, true);
                NDArray l = out.mul(w).mul(m.create(mask, new Shape(steps, batch, 1))).sum();
                loss = l.getFloat();
                NativeMemoryChurn.churn();
                gc.backward(l);
            }
            assertEquals(((Number) ref.get("loss")).doubleValue(), loss, 1e-5);
            assertClose(floats(ref.get("x_grad")), x.getGradient().toFloatArray(), "input");
            Map<String, Parameter> named = lstm.namedParameters();
            assertEquals(grads.keySet(), named.keySet());
            for (Map.Entry<String, Parameter> e : named.entrySet()) {
                assertClose(floats(grads.get(e.getKey())), e.getValue().getArray().getGradient().toFloatArray(),
                        e.getKey());
            }
        }
    }

    @Test
    void initialisationIsPytorchsUniformAndDeterministic() {
        try (NDManager m = NDManager.newBaseManager()) {
            Lstm a = Lstm.initialized(m, 5, 16, 2, true, 42);
            Lstm b = Lstm.initialized(m, 5, 16, 2, true, 42);
            Lstm c = Lstm.initialized(m, 5, 16, 2, true, 43);
            assertEquals(16, a.namedParameters().size());
            double bound = 1 / Math.sqrt(16);
            for (Map.Entry<String, Parameter> e : a.namedParameters().entrySet()) {
                float[] v = e.getValue().getArray().toFloatArray();
                double max = 0;
                for (float f : v) {
                    max = Math.max(max, Math.abs(f));
                }
                assertTrue(max <= bound && max > 0.8 * bound, e.getKey() + " max |w| " + max);
                assertArrayEquals(v, b.namedParameters().get(e.getKey()).getArray().toFloatArray(), e.getKey());
                assertNotEquals(v[0], c.namedParameters().get(e.getKey()).getArray().toFloatArray()[0]);
            }
            assertEquals(new Shape(64, 32), a.namedParameters().get("weight_ih_l1").getArray().getShape());
            assertNotEquals(a.namedParameters().get("weight_hh_l0").getArray().toFloatArray()[0],
                    a.namedParameters().get("weight_hh_l0_reverse").getArray().toFloatArray()[0]);
        }
    }


    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        double max = 0;
        for (int i = 0; i < expected.length; i++) {
            max = Math.max(max, Math.abs(expected[i] - actual[i]));
        }
        assertTrue(max < 1e-5, what + " gradient max |diff| " + max);
    }

    private static int num(Map<String, Object> ref, String key) {
        return ((Number) ref.get(key)).intValue();
    }

    @SuppressWarnings("unchecked")
    private static float[] floats(Object list) {
        List<Object> l = (List<Object>) list;
        float[] out = new float[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) l.get(i)).floatValue();
        }
        return out;
    }
}
