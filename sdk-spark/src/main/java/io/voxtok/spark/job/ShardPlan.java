package io.voxtok.spark.job;

import io.voxtok.spark.corpus.CorpusItem;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The corpus cut into shards of {@code shardSize} utterances in id order. The same listing and size always give
 * the same shards, which is what lets a re-run skip the shards a killed run committed; the fingerprint tells a
 * re-run whether the listing is still the same.
 */
public final class ShardPlan {
    private final List<ShardTask> shards;
    private final int shardSize;
    private final int items;
    private final String fingerprint;

    private ShardPlan(List<ShardTask> shards, int shardSize, int items, String fingerprint) {
        this.shards = shards;
        this.shardSize = shardSize;
        this.items = items;
        this.fingerprint = fingerprint;
    }

    /** Cuts {@code sortedItems} (sorted by id, as {@code CorpusListing} gives them) into shards. */
    public static ShardPlan of(List<CorpusItem> sortedItems, int shardSize) {
        if (shardSize < 1) {
            throw new IllegalArgumentException("--shard-size must be >= 1, got " + shardSize);
        }
        List<ShardTask> shards = new ArrayList<>();
        for (int from = 0, i = 0; from < sortedItems.size(); from += shardSize, i++) {
            shards.add(new ShardTask(i, sortedItems.subList(from, Math.min(sortedItems.size(), from + shardSize))));
        }
        return new ShardPlan(List.copyOf(shards), shardSize, sortedItems.size(), fingerprint(sortedItems, shardSize));
    }

    private static String fingerprint(List<CorpusItem> items, int shardSize) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(("shard-size " + shardSize + "\n").getBytes(StandardCharsets.UTF_8));
            for (CorpusItem it : items) {
                md.update((it.id() + "\t" + it.path() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The shards in order. */
    public List<ShardTask> shards() {
        return shards;
    }

    /** Utterances per shard (the last may have fewer). */
    public int shardSize() {
        return shardSize;
    }

    /** Utterances in the corpus. */
    public int items() {
        return items;
    }

    /** Hex SHA-256 of the shard size and every (id, path), in order. */
    public String fingerprint() {
        return fingerprint;
    }
}
