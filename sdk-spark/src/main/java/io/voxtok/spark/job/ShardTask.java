package io.voxtok.spark.job;

import io.voxtok.spark.corpus.CorpusItem;
import java.io.Serializable;
import java.util.List;

/**
 * One shard to tokenize: a fixed slice of the corpus' id-sorted utterances. One Spark task processes one shard and
 * commits it as a whole.
 *
 * @param index 0-based shard number (the {@code NNNNN} of {@code shard-NNNNN.parquet})
 * @param items the utterances, ids and paths only
 */
public record ShardTask(int index, List<CorpusItem> items) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Copies the items. */
    public ShardTask {
        items = List.copyOf(items);
    }

    /** {@code shard-NNNNN}: the base name of every file of this shard. */
    public String name() {
        return name(index);
    }

    /** {@code shard-NNNNN} for shard {@code index}. */
    public static String name(int index) {
        return String.format("shard-%05d", index);
    }
}
