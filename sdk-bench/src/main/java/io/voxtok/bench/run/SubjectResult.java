package io.voxtok.bench.run;

import io.voxtok.api.token.TokenizerSpec;
import io.voxtok.bench.report.SubjectFigures;
import java.util.List;
import java.util.Map;

/**
 * Everything measured on one subject.
 *
 * @param label       the subject as written on the command line
 * @param description tokenizer, model and layers in words
 * @param fingerprint identifies its tokens
 * @param spec        the (layer-selected) tokenizer spec
 * @param outcomes    per benchmark name, in run order (copied)
 * @param figures     data for the plots
 * @param inputs      model files and their SHA-256 (copied)
 * @param cache       token cache folder, hits and computed entries
 */
public record SubjectResult(String label, String description, String fingerprint, TokenizerSpec spec,
                            Map<String, BenchmarkOutcome> outcomes, SubjectFigures figures, Map<String, String> inputs,
                            Map<String, Object> cache) {
    /** Copies. */
    public SubjectResult {
        outcomes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outcomes));
        inputs = Map.copyOf(inputs);
        cache = Map.copyOf(cache);
    }

    /** Outcomes in run order. */
    public List<BenchmarkOutcome> outcomeList() {
        return List.copyOf(outcomes.values());
    }
}
