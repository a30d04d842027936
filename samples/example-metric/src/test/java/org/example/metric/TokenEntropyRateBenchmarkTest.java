package org.example.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenEntropyRateBenchmarkTest {
    private static double rate(int[] z) {
        Map<Long, Long> pairs = new HashMap<>();
        Map<Integer, Long> prev = new HashMap<>();
        for (int t = 1; t < z.length; t++) {
            pairs.merge(((long) z[t - 1] << 32) | z[t], 1L, Long::sum);
            prev.merge(z[t - 1], 1L, Long::sum);
        }
        return TokenEntropyRateBenchmark.entropyRate(pairs, prev, z.length - 1);
    }

    @Test
    void deterministicSequenceHasZeroEntropyRate() {
        assertEquals(0.0, rate(new int[] {0, 1, 2, 0, 1, 2, 0, 1, 2}), 1e-12);
    }

    @Test
    void fairCoinAfterEachTokenGivesOneBit() {
        // after 0: 0 or 1 equally often; after 1: 0 or 1 equally often -> 1 bit per token
        assertEquals(1.0, rate(new int[] {0, 0, 1, 1, 0, 0, 1, 1, 0}), 1e-12);
    }
}
