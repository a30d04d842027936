package io.voxtok.plugin.speechtokenizer.training;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one training step logs.
 *
 * @param step    the step just completed (1-based)
 * @param scalars loss terms ({@code L_D}, {@code L_G}, ...), learning rates, gradient norms, timing
 * @param arrays  per-layer quantities (codebook usage and perplexity, dead codes)
 * @param skipped whether the non-finite guard skipped an optimiser update
 */
public record StepMetrics(long step, Map<String, Double> scalars, Map<String, double[]> arrays, boolean skipped) {
    /** Copies the maps (insertion order kept). */
    public StepMetrics {
        scalars = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scalars));
        arrays = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(arrays));
    }

    /** Everything as one JSON-ready map. */
    public Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>(scalars);
        out.putAll(arrays);
        return out;
    }
}
