package io.voxtok.plugin.speakerencoder.training;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Metrics of one training step.
 *
 * @param step         completed steps after this one
 * @param loss         mean AM-softmax loss of the batch (nats)
 * @param accuracy     fraction of the batch whose closest class (by cosine, no margin) is its speaker
 * @param learningRate the learning rate used
 * @param seconds      wall time
 */
public record SpeakerStepResult(long step, double loss, double accuracy, double learningRate, double seconds) {
    /** The JSONL fields. */
    public Map<String, Double> toMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("loss", loss);
        m.put("speaker_accuracy", accuracy);
        m.put("lr", learningRate);
        m.put("seconds", seconds);
        return m;
    }
}
