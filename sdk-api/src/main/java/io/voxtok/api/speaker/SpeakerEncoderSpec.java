package io.voxtok.api.speaker;

import java.util.Objects;

/**
 * What a speaker encoder consumes and produces. Immutable.
 *
 * @param sampleRate  input sample rate in Hz (mono)
 * @param dimension   embedding length
 * @param description what the embedding is and where its weights came from (model type, directory or file, and a
 *                    version or checksum where known), recorded next to scores so that they can be compared only
 *                    with scores of the same encoder
 */
public record SpeakerEncoderSpec(int sampleRate, int dimension, String description) {
    /** Validates. */
    public SpeakerEncoderSpec {
        Objects.requireNonNull(description, "description");
        if (sampleRate <= 0 || dimension <= 0) {
            throw new IllegalArgumentException("sample rate and dimension must be positive, got " + sampleRate + " and "
                    + dimension);
        }
    }
}
