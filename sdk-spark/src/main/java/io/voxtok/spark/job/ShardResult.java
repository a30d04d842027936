package io.voxtok.spark.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.util.List;

/**
 * What one committed shard holds; written as its commit marker ({@code _committed/shard-NNNNN.json}) and summed
 * into the manifest.
 *
 * @param shard          shard number
 * @param utterances     utterances tokenized (rows of the token shard)
 * @param failures       utterances that failed (rows of the failures shard)
 * @param audioSeconds   audio tokenized, in seconds
 * @param frames         token frames written (per layer)
 * @param seconds        wall time of the task that made it (loading the model included when it was the first)
 * @param failedItems    the failures
 */
public record ShardResult(int shard, int utterances, int failures, @JsonProperty("audio_seconds") double audioSeconds,
                          long frames, double seconds, @JsonProperty("failed_items") List<FailedItem> failedItems)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Copies the list. */
    public ShardResult {
        failedItems = List.copyOf(failedItems);
    }
}
