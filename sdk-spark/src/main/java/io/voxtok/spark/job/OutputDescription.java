package io.voxtok.spark.job;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a job's rows are, as {@code job.json} records it and the manifest shows it.
 *
 * @param kind        {@code tokens}, {@code units} or {@code features}
 * @param component   the tokenizer or teacher as requested ({@code --tokenizer} / {@code --teacher})
 * @param producer    {@code name:variant} of the component that made the rows
 * @param weightsHash its weights hash ({@code none} when the component has none, or does not tell)
 * @param settings    everything else that shapes the rows (options, layers, centroids...): a re-run must match it
 * @param format      facts about the rows for readers (sample rate, frame rate, codebook size...), not compared
 */
public record OutputDescription(String kind, String component, String producer, String weightsHash,
                                Map<String, String> settings, Map<String, Object> format) {
    /** Sorts the settings, keeps the format's order. */
    public OutputDescription {
        settings = new TreeMap<>(settings);
        format = new LinkedHashMap<>(format);
    }
}
