package io.voxtok.spark.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a job was asked to do, saved as {@code OUT/job.json} by the first run. A re-run into the same folder must
 * ask the same (same corpus listing, shard size, tokenizer, producer, options and layers), or it would mix
 * shards of two different jobs; it is refused with the fields that differ.
 *
 * @param format      {@link #FORMAT}
 * @param input       the corpus (absolute)
 * @param layout      the corpus layout used
 * @param tokenizer   tokenizer name as requested
 * @param producer    {@code name:variant} of the producer
 * @param weightsHash the producer's weights hash
 * @param model       the model as given, or null
 * @param options     tokenizer options
 * @param firstLayer  first layer kept
 * @param endLayer    end layer, exclusive
 * @param shardSize   utterances per shard
 * @param utterances  utterances in the corpus
 * @param shards      number of shards
 * @param fingerprint {@link ShardPlan#fingerprint()}
 */
public record JobDescriptor(String format, String input, String layout, String tokenizer, String producer,
                            @JsonProperty("weights_hash") String weightsHash, String model, Map<String, String> options,
                            @JsonProperty("first_layer") int firstLayer, @JsonProperty("end_layer") int endLayer,
                            @JsonProperty("shard_size") int shardSize, int utterances, int shards, String fingerprint) {
    /** The output format this module writes. */
    public static final String FORMAT = "voxtok-spark-tokens/1";

    /** Sorts the options. */
    public JobDescriptor {
        options = options == null ? Map.of() : new TreeMap<>(options);
    }

    /** Names of the fields in which {@code other} (a previous run's descriptor) differs from this one. */
    public List<String> differences(JobDescriptor other) {
        List<String> d = new ArrayList<>();
        check(d, "format", format, other.format);
        check(d, "tokenizer", tokenizer, other.tokenizer);
        check(d, "producer", producer, other.producer);
        check(d, "weights_hash", weightsHash, other.weightsHash);
        check(d, "options", options, other.options);
        check(d, "first_layer", firstLayer, other.firstLayer);
        check(d, "end_layer", endLayer, other.endLayer);
        check(d, "shard_size", shardSize, other.shardSize);
        check(d, "utterances", utterances, other.utterances);
        check(d, "fingerprint (the corpus listing)", fingerprint, other.fingerprint);
        return d;
    }

    private static void check(List<String> out, String name, Object mine, Object theirs) {
        if (!Objects.equals(mine, theirs)) {
            out.add(name + " (was " + theirs + ", now " + mine + ")");
        }
    }
}
