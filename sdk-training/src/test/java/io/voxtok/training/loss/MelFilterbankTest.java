package io.voxtok.training.loss;

import io.voxtok.modelio.Tensor;
import io.voxtok.training.TestData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The filterbank against torchaudio 0.13's algorithm run with PyTorch 1.13 float32 ops (gen_training_reference.py). */
class MelFilterbankTest {
    @ParameterizedTest
    @ValueSource(ints = {1024, 512, 256, 128})
    void matchesTorchaudioFloat32(int nFft) {
        Tensor ref = TestData.ref("loss/mel_fb_" + nFft);
        MelFilterbank fb = MelFilterbank.htkSlaney(80, 16000, nFft, 0.0, null);
        assertArrayEquals(new long[] {80, nFft / 2 + 1}, ref.shape());
        assertEquals(80, fb.melBands());
        assertEquals(nFft / 2 + 1, fb.frequencyBins());
        float[] e = ref.toFloatArray();
        float[] a = fb.weights();
        double maxAbs = TestData.maxAbs(e);
        double diff = TestData.maxAbsDiff(e, a);
        System.out.printf("mel filterbank n_fft %d: max |java - torch| = %.3g (max weight %.3g)%n", nFft, diff, maxAbs);
        // torch's float32 pow(10, m / 2595) (SLEEF, 1-ulp accuracy) differs by one ulp from the correctly rounded
        // value here at one of the 82 mel points, which moves the weights next to it by ~6 ulps (2.3e-8)
        assertTrue(diff <= 1e-6 * maxAbs, "max diff " + diff);
        // the same filters are empty (all zero) as in torchaudio; a weight is zero in both or neither
        int empty = 0;
        for (int m = 0; m < 80; m++) {
            boolean allZero = true;
            for (int k = 0; k < nFft / 2 + 1; k++) {
                float ev = e[m * (nFft / 2 + 1) + k];
                assertEquals(ev == 0f, fb.weight(m, k) == 0f, "zero pattern at mel " + m + ", bin " + k);
                allZero &= ev == 0f;
            }
            empty += allZero ? 1 : 0;
        }
        assertEquals(empty, fb.emptyFilterCount());
        if (nFft <= 256) {
            assertTrue(empty > 0, "torchaudio has all-zero filters at n_fft " + nFft);
        } else {
            assertEquals(0, empty);
        }
    }
}
