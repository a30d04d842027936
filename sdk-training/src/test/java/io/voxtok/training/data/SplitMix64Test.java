package io.voxtok.training.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SplitMix64Test {
    @Test
    void nextLongIsTheJdkSplittableRandomStream() {
        for (long seed : new long[] {0, 1, -7, 123456789L, Long.MIN_VALUE}) {
            SplittableRandom jdk = new SplittableRandom(seed);
            SplitMix64 ours = new SplitMix64(seed);
            for (int i = 0; i < 1000; i++) {
                assertEquals(jdk.nextLong(), ours.nextLong(), "seed " + seed + " draw " + i);
            }
        }
    }

    @Test
    void firstOutputOfSeedZeroIsThePublishedSplitMix64Value() {
        // Reference value of splitmix64 with state 0 (Vigna's splitmix64.c): 0xE220A8397B1DCDAF.
        assertEquals(0xE220A8397B1DCDAFL, new SplitMix64(0).nextLong());
    }

    @Test
    void boundedIntsAreInRangeAndUniform() {
        SplitMix64 r = new SplitMix64(42);
        int[] counts = new int[7];
        int n = 70_000;
        for (int i = 0; i < n; i++) {
            counts[r.nextInt(7)]++;
        }
        double chi2 = 0;
        for (int c : counts) {
            chi2 += Math.pow(c - n / 7.0, 2) / (n / 7.0);
        }
        // 6 degrees of freedom: P(chi2 > 22.5) < 0.001
        assertTrue(chi2 < 22.5, "chi2 " + chi2);
        for (int i = 0; i < 1000; i++) {
            double d = r.nextDouble();
            assertTrue(d >= 0 && d < 1);
            assertEquals(0, r.nextInt(1));
        }
    }

    @Test
    void derivedSeedsDifferForNeighbours() {
        assertTrue(SplitMix64.derive(1, 0) != SplitMix64.derive(1, 1));
        assertTrue(SplitMix64.derive(1, 0) != SplitMix64.derive(2, 0));
        assertEquals(SplitMix64.derive(5, 3), SplitMix64.derive(5, 3));
    }
}
