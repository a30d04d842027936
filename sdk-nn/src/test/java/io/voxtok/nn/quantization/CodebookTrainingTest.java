package io.voxtok.nn.quantization;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * First-batch k-means initialisation followed by one EMA update, on a batch small enough to compute by hand:
 * x = [1, 1, 1, 10] (dim 1), two codes. k-means ends with centroids {1 (3 members), 10 (1 member)}; the EMA update
 * with the same batch then gives, with decay 0.99, the official {@code embed_avg = means} start:
 * code 1 -> (0.99 * 1 + 0.01 * 3) / 3 = 0.34 and code 10 -> 10, and with the count-weighted start: code 1 ->
 * (0.99 * 3 + 0.01 * 3) / 3 = 1 and code 10 -> 10 (Laplace smoothing moves these by about 1e-5).
 */
class CodebookTrainingTest {

    private static float[] initAndUpdate(boolean countWeighted) {
        try (NDManager m = NDManager.newBaseManager()) {
            Codebook book = Codebook.untrained(m, 2, 1);
            NDArray x = m.create(new float[] {1, 1, 1, 10}, new Shape(4, 1));
            assertTrue(book.initializeIfNeeded(x, new CodebookKMeans(10, new SplittableRandom(5)), countWeighted));
            float[] means = book.embed().toFloatArray();
            float[] counts = book.clusterSize().toFloatArray();
            int one = means[0] < means[1] ? 0 : 1;
            assertEquals(1f, means[one], 0f);
            assertEquals(10f, means[1 - one], 0f);
            assertEquals(3f, counts[one], 0f);
            assertEquals(1f, counts[1 - one], 0f);
            try (NDArray idx = book.nearest(x)) {
                assertArrayEquals(new long[] {one, one, one, 1 - one}, idx.toLongArray());
                book.emaUpdate(x, idx);
            }
            float[] e = book.embed().toFloatArray();
            return one == 0 ? e : new float[] {e[1], e[0]};
        }
    }

    @Test
    void officialInitShrinksWellUsedCodesAfterTheFirstUpdate() {
        float[] e = initAndUpdate(false);
        assertEquals(0.34f, e[0], 1e-4f);
        assertEquals(10f, e[1], 1e-3f);
    }

    @Test
    void countWeightedInitKeepsTheMeans() {
        float[] e = initAndUpdate(true);
        assertEquals(1f, e[0], 1e-4f);
        assertEquals(10f, e[1], 1e-3f);
    }
}
