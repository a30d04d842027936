package io.voxtok.bench.run;

import io.voxtok.api.bench.BenchmarkReport;
import java.util.Optional;

/**
 * What one benchmark gave for one subject.
 *
 * @param benchmark the benchmark's name
 * @param report    its report, when it ran
 * @param status    {@code ok}, {@code not applicable: why} or {@code failed: why}
 * @param resumed   true when the result was read from a previous (killed or finished) run
 * @param seconds   wall time of the run (0 when resumed)
 */
public record BenchmarkOutcome(String benchmark, Optional<BenchmarkReport> report, String status, boolean resumed,
                               double seconds) {
}
