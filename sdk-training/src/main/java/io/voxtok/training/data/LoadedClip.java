package io.voxtok.training.data;

/**
 * A training item's whole decoded audio (mono, at the corpus sample rate) and, when the run distils, its whole
 * teacher-feature matrix.
 *
 * @param item     the item
 * @param audio    mono samples
 * @param features rows {@code [frame][dim]}, or {@code null} when the corpus has no teacher features
 */
public record LoadedClip(TrainingItem item, float[] audio, float[][] features) {
    /** Whether teacher features were loaded. */
    public boolean hasFeatures() {
        return features != null;
    }
}
