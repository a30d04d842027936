package io.voxtok.plugin.slmtokbench.alignment;

import io.voxtok.api.VoxtokException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The vCLUB arithmetic against values computed by hand in Python ({@code (1/N^2) sum_i sum_j [pos_i - neg_ij]}),
 * and the negative-pair sampling.
 */
class VclubEstimatorTest {
    private static final double[] POSITIVE = {-10, -12, -8};
    private static final double[][] ALL_PAIRS = {{-10, -30, -25}, {-40, -12, -35}, {-20, -22, -8}};

    @Test
    void exactDoubleSumOverAllPairs() {
        VclubEstimate e = VclubEstimator.estimate(POSITIVE, ALL_PAIRS);
        // python: sum(pos[i] - neg[i][j] for i, j) / 9 = 12.444444444444445; / ln 2 = 17.953538286618212
        assertEquals(12.444444444444445, e.nats(), 1e-12);
        assertEquals(17.953538286618212, e.bits(), 1e-12);
        assertEquals(-10.0, e.positiveMean(), 1e-12);
        assertEquals(-22.444444444444443, e.negativeMean(), 1e-12);
        assertEquals(3, e.items());
        assertEquals(9, e.negativePairs());
        assertEquals(0, e.infeasiblePairs());
    }

    @Test
    void impossiblePairingsAreLeftOutAndCounted() {
        double inf = Double.NEGATIVE_INFINITY;
        VclubEstimate e = VclubEstimator.estimate(new double[] {-10, -12, inf},
                new double[][] {{-10, -30, -25}, {inf, -12, -35}, {-20, -22, -8}});
        // python: items 0 and 1; row 1 averages its two finite pairings -> 11.583333333333336
        assertEquals(11.583333333333336, e.nats(), 1e-12);
        assertEquals(2, e.items());
        assertEquals(1, e.droppedItems());
        assertEquals(5, e.negativePairs());
        assertEquals(1, e.infeasiblePairs());
    }

    @Test
    void independentModelGivesZero() {
        // q(y|x) that ignores x: every row has the same values and the positive is one of them on the diagonal
        double[] pos = {-3, -5};
        double[][] neg = {{-3, -5}, {-3, -5}};
        assertEquals(0.0, VclubEstimator.estimate(pos, neg).nats(), 1e-12);
        // a better fit on the matched pairs than on average: -3 - (-4)
        assertEquals(1.0, VclubEstimator.estimate(new double[] {-3, -3}, neg).nats(), 1e-12);
    }

    @Test
    void badInputIsRejected() {
        assertThrows(VoxtokException.class, () -> VclubEstimator.estimate(new double[] {1}, new double[0][]));
        assertThrows(VoxtokException.class, () -> VclubEstimator.estimate(new double[] {Double.NaN},
                new double[][] {{-1}}));
        assertThrows(VoxtokException.class, () -> VclubEstimator.estimate(new double[] {Double.NEGATIVE_INFINITY},
                new double[][] {{-1}}));
    }

    @Test
    void negativePairsAreAllPairsOrADeterministicUniformSubset() {
        int[][] all = NegativePairs.sample(4, 10, 1);
        for (int[] row : all) {
            assertArrayEquals(new int[] {0, 1, 2, 3}, row);
        }
        int[][] a = NegativePairs.sample(50, 7, 3);
        int[][] b = NegativePairs.sample(50, 7, 3);
        int[][] c = NegativePairs.sample(50, 7, 4);
        int[] hits = new int[50];
        for (int i = 0; i < 50; i++) {
            assertArrayEquals(a[i], b[i]);
            assertEquals(7, a[i].length);
            for (int j = 1; j < 7; j++) {
                assertTrue(a[i][j] > a[i][j - 1], "distinct and sorted");
            }
            for (int v : a[i]) {
                hits[v]++;
            }
        }
        assertNotEquals(java.util.Arrays.deepToString(a), java.util.Arrays.deepToString(c));
        int covered = 0;
        for (int h : hits) {
            covered += h > 0 ? 1 : 0;
        }
        assertTrue(covered > 40, "350 draws over 50 transcripts reach most of them: " + covered);
    }
}
