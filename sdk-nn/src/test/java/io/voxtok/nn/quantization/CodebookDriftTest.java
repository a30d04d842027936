package io.voxtok.nn.quantization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The opt-in remedies for codebook collapse when the encoder's latents drift, on batches small enough to compute by
 * hand (dim 1): the sample initialisation keeps per-batch EMA counts and the means through an update, and the
 * re-centring follows a shifted batch so that every code is used again.
 */
class CodebookDriftTest {

    @Test
    void sampleInitialisationScalesCountsAndKeepsTheMeansThroughAnUpdate() {
        try (NDManager m = NDManager.newBaseManager()) {
            Codebook book = Codebook.untrained(m, 2, 1);
            // a sample of 8 vectors, 6 at 1 and 2 at 10, standing for batches of 4: counts scale by 4/8
            NDArray sample = m.create(new float[] {1, 1, 1, 1, 1, 1, 10, 10}, new Shape(8, 1));
            book.initializeFromSample(sample, new CodebookKMeans(10, new SplittableRandom(5)), 0.5f);
            assertTrue(book.initialized());
            float[] means = book.embed().toFloatArray();
            int one = means[0] < means[1] ? 0 : 1;
            assertEquals(1f, means[one], 0f);
            assertEquals(10f, means[1 - one], 0f);
            float[] counts = book.clusterSize().toFloatArray();
            assertEquals(3f, counts[one], 0f);
            assertEquals(1f, counts[1 - one], 0f);
            // a batch with the expected counts: the EMA update leaves the codes where k-means put them
            NDArray x = m.create(new float[] {1, 1, 1, 10}, new Shape(4, 1));
            try (NDArray idx = book.nearest(x)) {
                book.emaUpdate(x, idx);
            }
            float[] e = book.embed().toFloatArray();
            assertEquals(1f, e[one], 1e-4f);
            assertEquals(10f, e[1 - one], 1e-3f);
        }
    }

    @Test
    void recenteringFollowsADriftedBatch() {
        try (NDManager m = NDManager.newBaseManager()) {
            // codes at 0 and 2 with counts 1 and 1 (weighted mean 1); the batch moved by +100 (mean 101)
            Codebook book = new Codebook(m.ones(new Shape(1)), m.create(new float[] {1, 1}),
                    m.create(new float[] {0, 2}, new Shape(2, 1)), m.create(new float[] {0, 2}, new Shape(2, 1)));
            NDArray x = m.create(new float[] {100, 100, 102, 102}, new Shape(4, 1));
            try (NDArray before = book.nearest(x)) {
                // left behind: every vector picks the upper code
                assertArrayEquals(new long[] {1, 1, 1, 1}, before.toLongArray());
            }
            book.recenter(x);
            assertArrayEquals(new float[] {100, 102}, book.embed().toFloatArray(), 1e-4f);
            // embed_avg / cluster_size stays equal to embed
            assertArrayEquals(new float[] {100, 102}, book.namedBuffers().get("embed_avg").toFloatArray(), 1e-4f);
            try (NDArray after = book.nearest(x)) {
                assertArrayEquals(new long[] {0, 0, 1, 1}, after.toLongArray());
            }
        }
    }
}
