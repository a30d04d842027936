package io.voxtok.plugin.uslm.training;

/**
 * One official top-10 accuracy metric: {@code value = float32(hits / counted) * float32(sum(y_lens))}, as the official
 * forward returns it (torchmetrics micro accuracy times the frame count). Immutable.
 *
 * @param name    official metric name ({@code ArTop10Accuracy}, {@code NarL2Top10Accuracy}, {@code NarL3-8Top10Accuracy})
 * @param hits    positions whose target is among the 10 largest logits
 * @param counted positions not ignored (target != 1024)
 * @param frames  {@code sum(y_lens)}, the official multiplier
 */
public record TopKAccuracy(String name, long hits, long counted, long frames) {
    /** The official float32 value. */
    public float value() {
        float acc = counted == 0 ? 0f : (float) hits / (float) counted;
        return acc * (float) frames;
    }
}
