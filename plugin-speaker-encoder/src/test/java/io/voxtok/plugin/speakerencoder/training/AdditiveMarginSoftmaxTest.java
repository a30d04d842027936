package io.voxtok.plugin.speakerencoder.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.voxtok.nn.NativeMemoryChurn;
import io.voxtok.nn.backend.PyTorchBackend;
import org.junit.jupiter.api.Test;

class AdditiveMarginSoftmaxTest {
    @Test
    void lossSubtractsTheMarginFromTheTargetCosineOnly() {
        try (NDManager m = PyTorchBackend.newManager(Device.cpu())) {
            NDArray cos = m.create(new float[] {0.5f, 0.1f, 0.3f, 0.4f}, new Shape(2, 2));
            // row 0, class 0: logits 10 (0.5 - 0.2), 10 (0.1) = 3, 1 -> log(1 + e^-2)
            // row 1, class 1: logits 3, 2 -> log(1 + e^1)
            double want = (Math.log(1 + Math.exp(-2)) + Math.log(1 + Math.exp(1))) / 2;
            assertEquals(want, AdditiveMarginSoftmax.loss(cos, new int[] {0, 1}, 0.2f, 10f).getFloat(), 1e-5);
        }
    }

    /** d loss / d cos = s (softmax - onehot) / B; churn between forward and backward must not change it. */
    @Test
    void gradientIsAnalyticEvenAfterNativeMemoryChurn() {
        float[] cos = {0.5f, 0.1f, 0.3f, 0.4f};
        int[] labels = {0, 1};
        float margin = 0.2f;
        float scale = 10f;
        try (NDManager m = PyTorchBackend.newManager(Device.cpu());
             GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray c = m.create(cos, new Shape(2, 2));
            c.setRequiresGradient(true);
            NDArray loss = AdditiveMarginSoftmax.loss(c, labels, margin, scale);
            NativeMemoryChurn.churn();
            gc.backward(loss);
            float[] g = c.getGradient().toFloatArray();
            for (int i = 0; i < 2; i++) {
                double[] z = new double[2];
                for (int j = 0; j < 2; j++) {
                    z[j] = scale * (cos[i * 2 + j] - (j == labels[i] ? margin : 0));
                }
                double norm = Math.exp(z[0]) + Math.exp(z[1]);
                for (int j = 0; j < 2; j++) {
                    double want = scale * (Math.exp(z[j]) / norm - (j == labels[i] ? 1 : 0)) / 2;
                    assertEquals(want, g[i * 2 + j], 1e-5, "d/dcos[" + i + "][" + j + "]");
                }
            }
        }
    }

    @Test
    void cosinesAreScaleFree() {
        try (NDManager m = PyTorchBackend.newManager(Device.cpu())) {
            NDArray emb = m.create(new float[] {3, 4}, new Shape(1, 2));
            NDArray w = m.create(new float[] {10, 0, 0, 0.5f}, new Shape(2, 2));
            float[] c = AdditiveMarginSoftmax.cosines(emb, w).toFloatArray();
            assertEquals(0.6, c[0], 1e-6);
            assertEquals(0.8, c[1], 1e-6);
        }
    }
}
