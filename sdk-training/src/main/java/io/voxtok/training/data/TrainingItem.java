package io.voxtok.training.data;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One training utterance: where its audio is and, for distillation runs, its teacher-feature file.
 *
 * @param id       corpus id (unique within the corpus)
 * @param audio    absolute path of the audio file (WAV or FLAC, any rate and channel count)
 * @param speaker  speaker id
 * @param features the {@code (frames, dim)} {@code .npy} of its teacher features, when the run distils
 */
public record TrainingItem(String id, Path audio, String speaker, Optional<Path> features) {
    /** Validates. */
    public TrainingItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(audio, "audio");
        Objects.requireNonNull(speaker, "speaker");
        features = features == null ? Optional.empty() : features;
    }
}
