package io.voxtok.spark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.voxtok.spark.corpus.CorpusItem;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Shards are fixed slices of the listing; the fingerprint changes when the listing or the shard size does. */
class ShardPlanTest {
    private static List<CorpusItem> items(int n, String dir) {
        return IntStream.range(0, n).mapToObj(i -> new CorpusItem(String.format("u%03d", i), dir + "/u" + i + ".wav")).toList();
    }

    @Test
    void slicesInOrderWithAShorterLastShard() {
        ShardPlan p = ShardPlan.of(items(7, "/c"), 3);
        assertEquals(3, p.shards().size());
        assertEquals(List.of(3, 3, 1), p.shards().stream().map(s -> s.items().size()).toList());
        assertEquals("u003", p.shards().get(1).items().get(0).id());
        assertEquals("shard-00002", p.shards().get(2).name());
        assertEquals(7, p.items());
    }

    @Test
    void fingerprintIsStableAndSeesListingAndShardSize() {
        String f = ShardPlan.of(items(7, "/c"), 3).fingerprint();
        assertEquals(f, ShardPlan.of(items(7, "/c"), 3).fingerprint());
        assertNotEquals(f, ShardPlan.of(items(7, "/c"), 2).fingerprint());
        assertNotEquals(f, ShardPlan.of(items(8, "/c"), 3).fingerprint());
        assertNotEquals(f, ShardPlan.of(items(7, "/elsewhere"), 3).fingerprint());
    }

    @Test
    void shardSizeMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> ShardPlan.of(items(2, "/c"), 0));
    }
}
