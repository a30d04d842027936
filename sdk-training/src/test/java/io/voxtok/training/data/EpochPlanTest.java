package io.voxtok.training.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EpochPlanTest {
    private static int[] order(EpochPlan p) {
        int[] o = new int[p.size()];
        for (int k = 0; k < o.length; k++) {
            o[k] = p.item(k);
        }
        return o;
    }

    @Test
    void orderIsAPermutationFixedBySeedAndEpoch() {
        EpochPlan a = EpochPlan.of(7, 3, 50);
        int[] sorted = order(a).clone();
        Arrays.sort(sorted);
        int[] identity = new int[50];
        Arrays.setAll(identity, i -> i);
        assertArrayEquals(identity, sorted);
        assertArrayEquals(order(a), order(EpochPlan.of(7, 3, 50)));
        assertFalse(Arrays.equals(order(a), order(EpochPlan.of(7, 4, 50))), "epochs reshuffle");
        assertFalse(Arrays.equals(order(a), order(EpochPlan.of(8, 3, 50))), "seeds differ");
        assertFalse(Arrays.equals(order(a), identity), "shuffled");
    }

    @Test
    void orderAndDrawsFollowTheDocumentedStream() {
        // Independent re-implementation of the documented recipe with the JDK's SplittableRandom.
        long seed = 99;
        int epoch = 2;
        int n = 20;
        java.util.SplittableRandom jdk = new java.util.SplittableRandom(SplitMix64.derive(seed, epoch));
        int[] expected = new int[n];
        Arrays.setAll(expected, i -> i);
        for (int i = n - 1; i > 0; i--) {
            int j;
            while (true) { // nextInt(bound) as documented: top 31 bits, reject the incomplete block
                int r = (int) (jdk.nextLong() >>> 33);
                int v = r % (i + 1);
                if (r - v + i >= 0) {
                    j = v;
                    break;
                }
            }
            int t = expected[i];
            expected[i] = expected[j];
            expected[j] = t;
        }
        EpochPlan p = EpochPlan.of(seed, epoch, n);
        assertArrayEquals(expected, order(p));
        for (int k = 0; k < n; k++) {
            assertEquals((jdk.nextLong() >>> 11) * 0x1.0p-53, p.cropDraw(k));
        }
    }

    @Test
    void cropStartCoversEveryValidStart() {
        assertEquals(0, EpochPlan.cropStart(0.0, 100, 40));
        assertEquals(60, EpochPlan.cropStart(Math.nextDown(1.0), 100, 40));
        assertEquals(30, EpochPlan.cropStart(30.5 / 61, 100, 40));
        assertEquals(0, EpochPlan.cropStart(0.9, 40, 40), "exact fit: no crop");
        assertEquals(0, EpochPlan.cropStart(0.9, 10, 40), "short clip: no crop");
    }
}
