package io.voxtok.spark.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a job was asked to do, saved as {@code OUT/job.json} by the first run. A re-run into the same folder must
 * ask the same (same corpus listing, shard size, component, producer and settings), or it would mix shards of two
 * different jobs; it is refused with the fields that differ.
 *
 * @param format      {@link #FORMAT}
 * @param kind        {@code tokens}, {@code units} or {@code features}
 * @param input       the corpus (absolute)
 * @param layout      the corpus layout used
 * @param component   the tokenizer or teacher as requested
 * @param producer    {@code name:variant} of the component
 * @param weightsHash its weights hash
 * @param model       the model as given, or null
 * @param settings    options, layers and the rest that shape the rows
 * @param shardSize   utterances per shard
 * @param utterances  utterances in the corpus
 * @param shards      number of shards
 * @param fingerprint {@link ShardPlan#fingerprint()}
 */
public record JobDescriptor(String format, String kind, String input, String layout, String component, String producer,
                            @JsonProperty("weights_hash") String weightsHash, String model, Map<String, String> settings,
                            @JsonProperty("shard_size") int shardSize, int utterances, int shards, String fingerprint) {
    /** The output format this module writes. */
    public static final String FORMAT = "voxtok-spark/1";

    /** Sorts the settings. */
    public JobDescriptor {
        settings = settings == null ? Map.of() : new TreeMap<>(settings);
    }

    /** The descriptor of a job over {@code plan} whose rows {@code d} describes. */
    public static JobDescriptor of(String input, String layout, String model, OutputDescription d, ShardPlan plan) {
        return new JobDescriptor(FORMAT, d.kind(), input, layout, d.component(), d.producer(), d.weightsHash(), model,
                d.settings(), plan.shardSize(), plan.items(), plan.shards().size(), plan.fingerprint());
    }

    /** Names of the fields in which {@code other} (a previous run's descriptor) differs from this one. */
    public List<String> differences(JobDescriptor other) {
        List<String> d = new ArrayList<>();
        check(d, "format", format, other.format);
        check(d, "kind", kind, other.kind);
        check(d, "component", component, other.component);
        check(d, "producer", producer, other.producer);
        check(d, "weights_hash", weightsHash, other.weightsHash);
        check(d, "settings", settings, other.settings);
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
