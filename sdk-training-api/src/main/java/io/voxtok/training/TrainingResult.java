package io.voxtok.training;

import java.nio.file.Path;
import java.util.Map;

/**
 * How a training run ended.
 *
 * @param output      the run directory
 * @param step        the last completed step
 * @param interrupted whether it stopped early on a signal (a checkpoint was written) or by the non-finite guard
 * @param metrics     last values of the logged scalars
 */
public record TrainingResult(Path output, long step, boolean interrupted, Map<String, Double> metrics) {
    /** Copies the metrics. */
    public TrainingResult {
        metrics = Map.copyOf(metrics);
    }
}
