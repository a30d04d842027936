package io.voxtok.api.bench;

import java.util.List;
import java.util.Map;

/**
 * The result of a benchmark run on one subject. Immutable.
 *
 * @param benchmark  benchmark name
 * @param subject    tokenizer (or model) evaluated, {@code name:variant@hash}
 * @param metrics    measured values in report order (copied)
 * @param provenance how the run was made: versions, backend, seed, corpus (copied)
 */
public record BenchmarkReport(String benchmark, String subject, List<Metric> metrics, Map<String, String> provenance) {
    /** Copies. */
    public BenchmarkReport {
        metrics = List.copyOf(metrics);
        provenance = Map.copyOf(provenance);
    }
}
