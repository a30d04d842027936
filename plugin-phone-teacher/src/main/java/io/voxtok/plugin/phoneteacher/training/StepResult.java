package io.voxtok.plugin.phoneteacher.training;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Metrics of one training step or one dev evaluation.
 *
 * @param step     completed steps after this one
 * @param loss     mean cross-entropy over the labelled frames (nats)
 * @param accuracy fraction of labelled frames whose arg-max class is right
 * @param frames   labelled frames
 * @param seconds  wall time
 */
public record StepResult(long step, double loss, double accuracy, long frames, double seconds) {
    /** The JSONL fields, with {@code prefix} ({@code ""} for training, {@code "dev_"} for dev). */
    public Map<String, Double> toMap(String prefix) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(prefix + "loss", loss);
        m.put(prefix + "frame_accuracy", accuracy);
        m.put(prefix + "seconds", seconds);
        return m;
    }
}
