package io.voxtok.training.loss;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.voxtok.training.TestData;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Log-mel spectrograms, the four mel loss terms and the gradient of the weighted mel loss w.r.t. x_hat, against the
 * official {@code mel_spectrogram}/{@code mel_loss} run with PyTorch 1.13 (torch.stft) on small inputs.
 */
class MelSpectrogramLossTest {
    private static final List<Double> LAMBDAS = List.of(45.0, 1.0, 1.0, 1.0);

    @Test
    void logMelMatchesTorchStft() {
        MultiResolutionMelLoss loss = MultiResolutionMelLoss.speechTokenizer(LAMBDAS);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = TestData.refNd(m, "loss/mel_x");
            for (int i = 0; i < 4; i++) {
                MelSpectrogram spec = loss.resolutions().get(i).spectrogram();
                assertEquals(1024 >> i, spec.nFft());
                float[] e64 = TestData.ref("loss/logmel_" + i + "_f64").toFloatArray();
                float[] e32 = TestData.ref("loss/logmel_" + i + "_f32").toFloatArray();
                try (NDArray a = spec.logMel(x)) {
                    assertArrayEquals(TestData.ref("loss/logmel_" + i + "_f32").shape(), a.getShape().getShape());
                    float[] v = a.toFloatArray();
                    double d32 = TestData.maxAbsDiff(e32, v);
                    double d64 = TestData.maxAbsDiff(e64, v);
                    double ref = TestData.maxAbsDiff(e64, e32);
                    System.out.printf("log-mel %d: max |java - torch f32| %.3g, |java - f64| %.3g, |torch f32 - f64|"
                            + " %.3g%n", i, d32, d64, ref);
                    assertTrue(d64 <= Math.max(4 * ref, 1e-5), "resolution " + i + ": " + d64);
                }
            }
        }
    }

    @Test
    void lossTermsAndGradientMatchTorch() {
        Map<String, Object> ref = TestData.refJson("loss/mel");
        @SuppressWarnings("unchecked")
        List<Number> terms32 = (List<Number>) ((Map<String, Object>) ref.get("f32")).get("L_mel");
        @SuppressWarnings("unchecked")
        List<Number> terms64 = (List<Number>) ((Map<String, Object>) ref.get("f64")).get("L_mel");
        MultiResolutionMelLoss loss = MultiResolutionMelLoss.speechTokenizer(LAMBDAS);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = TestData.refNd(m, "loss/mel_x");
            NDArray xHat = TestData.refNd(m, "loss/mel_x_hat");
            xHat.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                List<NDArray> terms = loss.perResolution(x, xHat);
                for (int i = 0; i < 4; i++) {
                    double v = terms.get(i).getFloat();
                    System.out.printf("L_mel_%d: java %.9g, torch f32 %.9g, f64 %.9g%n", i, v,
                            terms32.get(i).doubleValue(), terms64.get(i).doubleValue());
                    TestData.assertNear(terms64.get(i).doubleValue(), v, 2e-6, "L_mel_" + i);
                }
                NDArray weighted = loss.weightedSum(terms);
                TestData.assertNear(TestData.number(ref, "f64", "L_mel_weighted"), weighted.getFloat(), 2e-5,
                        "L_mel_weighted");
                io.voxtok.nn.NativeMemoryChurn.churn(); // constants saved for backward must survive a GC
                gc.backward(weighted);
            }
            float[] g = xHat.getGradient().toFloatArray();
            float[] g64 = TestData.ref("loss/mel_grad_x_hat_f64").toFloatArray();
            float[] g32 = TestData.ref("loss/mel_grad_x_hat_f32").toFloatArray();
            double rel = TestData.relL2(g64, g);
            double relTorch = TestData.relL2(g64, g32);
            double maxRel = TestData.maxAbsDiff(g64, g) / TestData.maxAbs(g64);
            System.out.printf("mel gradient: rel L2 vs f64 %.3g (torch f32: %.3g), max abs / max %.3g%n", rel,
                    relTorch, maxRel);
            assertTrue(rel <= Math.max(10 * relTorch, 1e-5), "relative L2 " + rel);
        }
    }

    @Test
    void framesAndCommonLength() {
        MelSpectrogram spec = new MelSpectrogram(16000, 1024, 240, 1024, 80, 0, null);
        assertEquals(66, spec.frames(16000)); // fixture crops: (16000 + 784 - 1024) / 240 + 1
        MelSpectrogramLoss loss = new MelSpectrogramLoss(spec);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = TestData.refNd(m, "loss/mel_x");
            NDArray shorter = x.get(":, :, :2500").mul(0.5f);
            int n = spec.frames(2500);
            assertTrue(n < spec.frames(3000));
            float[] a = spec.logMel(x).get(":, :, :" + n).toFloatArray();
            float[] b = spec.logMel(shorter).toFloatArray();
            double sum = 0;
            for (int i = 0; i < a.length; i++) {
                sum += Math.abs(a[i] - b[i]);
            }
            TestData.assertNear(sum / a.length, loss.compute(x, shorter).getFloat(), 1e-6, "common-frame L1");
            assertEquals(0f, loss.compute(x, x.duplicate()).getFloat());
        }
    }

    @Test
    void silentReconstructionHasFiniteGradient() {
        // every STFT bin of silence is exactly 0, where |X| is not differentiable: torch.abs gives gradient 0 there
        MultiResolutionMelLoss loss = MultiResolutionMelLoss.speechTokenizer(LAMBDAS);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = TestData.refNd(m, "loss/mel_x");
            NDArray silent = m.zeros(x.getShape());
            silent.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray l = loss.compute(x, silent);
                assertTrue(Float.isFinite(l.getFloat()));
                gc.backward(l);
            }
            for (float g : silent.getGradient().toFloatArray()) {
                assertEquals(0f, g, "gradient at exactly-zero bins");
            }
        }
    }
}
