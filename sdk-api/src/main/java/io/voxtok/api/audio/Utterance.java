package io.voxtok.api.audio;

import java.util.Objects;
import java.util.Optional;

/**
 * One item of a corpus: audio with optional transcript and speaker. Immutable.
 *
 * @param id         a stable identifier (file stem or manifest id)
 * @param audio      the audio
 * @param transcript the text spoken, if known
 * @param speaker    the speaker id, if known
 */
public record Utterance(String id, AudioBuffer audio, Optional<String> transcript, Optional<String> speaker) {
    /** Validates. */
    public Utterance {
        Objects.requireNonNull(id);
        Objects.requireNonNull(audio);
        transcript = transcript == null ? Optional.empty() : transcript;
        speaker = speaker == null ? Optional.empty() : speaker;
    }
}
