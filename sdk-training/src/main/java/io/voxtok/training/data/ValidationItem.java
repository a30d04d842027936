package io.voxtok.training.data;

/**
 * The fixed validation view of one dev item: the start of its audio and the matching teacher features, unpadded.
 *
 * @param id       item id
 * @param audio    mono samples, at most the validation length
 * @param features rows {@code [frame][dim]}: the first {@code min(nFeat, maxSamples / hop)} frames, or {@code null}
 *                 without teacher features
 */
public record ValidationItem(String id, float[] audio, float[][] features) {
}
