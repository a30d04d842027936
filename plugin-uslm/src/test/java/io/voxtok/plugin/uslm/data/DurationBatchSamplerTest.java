package io.voxtok.plugin.uslm.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.plugin.uslm.data.DurationBatchSampler.Cost;
import io.voxtok.plugin.uslm.data.DurationBatchSampler.Options;
import io.voxtok.training.data.SamplerPosition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Budgets, bucketing, determinism and exact mid-epoch resumption. */
class DurationBatchSamplerTest {
    private static double[] lengths(int n) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = 1.0 + (i * 7919 % 97) / 10.0; // 1 .. 10.6 s, scrambled
        }
        return d;
    }

    @Test
    void everyItemOnceAndEveryBatchWithinBudget() {
        double[] d = lengths(300);
        DurationBatchSampler s = new DurationBatchSampler(d, new Options(30, 4, true, 7, Cost.SUM));
        for (int epoch = 0; epoch < 3; epoch++) {
            int[] seen = new int[d.length];
            for (int[] b : s.epoch(epoch)) {
                assertTrue(b.length == 1 || s.cost(b) <= 30, Arrays.toString(b));
                for (int i : b) {
                    seen[i]++;
                }
            }
            for (int c : seen) {
                assertEquals(1, c);
            }
        }
    }

    @Test
    void batchesStayInsideOneBucketAndBucketsShareTheTotal() {
        double[] d = lengths(300);
        DurationBatchSampler s = new DurationBatchSampler(d, new Options(25, 5, true, 1, Cost.SUM));
        List<int[]> buckets = s.buckets();
        assertEquals(5, buckets.size());
        int[] bucketOf = new int[d.length];
        double total = Arrays.stream(d).sum();
        for (int b = 0; b < buckets.size(); b++) {
            double sum = 0;
            for (int i : buckets.get(b)) {
                bucketOf[i] = b;
                sum += d[i];
            }
            assertEquals(total / 5, sum, 12.0, "bucket " + b); // within about one long item
        }
        for (int[] batch : s.epoch(0)) {
            for (int i : batch) {
                assertEquals(bucketOf[batch[0]], bucketOf[i]);
            }
        }
    }

    @Test
    void deterministicPerSeedAndEpoch() {
        double[] d = lengths(200);
        DurationBatchSampler a = new DurationBatchSampler(d, new Options(20, 3, true, 42, Cost.SUM));
        DurationBatchSampler b = new DurationBatchSampler(d, new Options(20, 3, true, 42, Cost.SUM));
        DurationBatchSampler c = new DurationBatchSampler(d, new Options(20, 3, true, 43, Cost.SUM));
        assertTrue(same(a.epoch(1), b.epoch(1)));
        assertTrue(same(a.epoch(0), b.epoch(0)));
        assertTrue(!same(a.epoch(0), a.epoch(1)));
        assertTrue(!same(a.epoch(0), c.epoch(0)));
    }

    @Test
    void resumesExactlyMidEpoch() {
        double[] d = lengths(120);
        Options o = new Options(15, 2, true, 3, Cost.PADDED);
        DurationBatchSampler s = new DurationBatchSampler(d, o);
        List<int[]> uninterrupted = new ArrayList<>();
        SamplerPosition p = SamplerPosition.START;
        SamplerPosition saved = null;
        for (int k = 0; p.epoch() < 3; k++) {
            uninterrupted.add(s.batch(p));
            p = s.next(p);
            if (k == 17) {
                saved = p;
            }
        }
        assertNotEquals(0, saved.batch());
        // a new process: the position survives a checkpoint as JSON
        SamplerPosition restored = SamplerPosition.parse(saved.toJson(), "checkpoint");
        DurationBatchSampler fresh = new DurationBatchSampler(d, o);
        List<int[]> resumed = new ArrayList<>(uninterrupted.subList(0, 18));
        for (SamplerPosition q = restored; q.epoch() < 3; q = fresh.next(q)) {
            resumed.add(fresh.batch(q));
        }
        assertTrue(same(uninterrupted, resumed));
    }

    @Test
    void withoutShufflingCorpusOrderIsPackedGreedily() {
        double[] d = {1, 1, 1, 1, 1, 5, 0.5};
        DurationBatchSampler s = new DurationBatchSampler(d, new Options(2, 1, false, 0, Cost.SUM));
        List<int[]> e = s.epoch(0);
        assertEquals(5, e.size());
        assertArrayEquals(new int[] {0, 1}, e.get(0));
        assertArrayEquals(new int[] {2, 3}, e.get(1));
        assertArrayEquals(new int[] {4}, e.get(2));
        assertArrayEquals(new int[] {5}, e.get(3)); // longer than the budget: alone
        assertArrayEquals(new int[] {6}, e.get(4));
        // padded cost: 3 items of max 1 cost 3
        DurationBatchSampler p = new DurationBatchSampler(new double[] {1, 0.2, 0.2, 0.2}, new Options(2.5, 1, false, 0,
                Cost.PADDED));
        assertArrayEquals(new int[] {0, 1}, p.epoch(0).get(0));
    }

    private static boolean same(List<int[]> a, List<int[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }
}
