package io.voxtok.data;

import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.audio.Utterance;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One item of a speech corpus as described by a reader or manifest, without its audio: where the audio is,
 * what is said, by whom, and (for synthetic corpora) the phones and their timing. Load the audio with
 * {@link UtteranceLoader}. Immutable.
 *
 * @param id        stable identifier, unique within the corpus
 * @param audioPath absolute path of the audio file
 * @param text      the transcript as given by the corpus (not normalised)
 * @param speaker   speaker identifier
 * @param phonemes  phone sequence (empty when unknown; copied)
 * @param alignment phone timing, when known
 * @param duration  duration in seconds, when known without reading the audio
 * @param split     the partition
 */
public record CorpusEntry(String id, Path audioPath, String text, String speaker, List<String> phonemes,
                          Optional<PhoneAlignment> alignment, OptionalDouble duration, Split split) {
    /** Validates and copies. */
    public CorpusEntry {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(audioPath, "audioPath is null");
        Objects.requireNonNull(text, "text is null");
        Objects.requireNonNull(speaker, "speaker is null");
        Objects.requireNonNull(split, "split is null");
        phonemes = List.copyOf(phonemes);
        alignment = alignment == null ? Optional.empty() : alignment;
        duration = duration == null ? OptionalDouble.empty() : duration;
        if (id.isBlank()) {
            throw new IllegalArgumentException("blank id for " + audioPath);
        }
    }

    /** The same entry in another split. */
    public CorpusEntry withSplit(Split s) {
        return new CorpusEntry(id, audioPath, text, speaker, phonemes, alignment, duration, s);
    }

    /** An SPI utterance carrying this entry's id, transcript and speaker with the given audio. */
    public Utterance toUtterance(AudioBuffer audio) {
        return new Utterance(id, audio, Optional.of(text), Optional.of(speaker));
    }
}
