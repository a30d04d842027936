package io.voxtok.data;

import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.audio.Utterance;

/**
 * A corpus entry with its decoded audio.
 *
 * @param entry the description (phones, alignment, split)
 * @param audio the decoded audio
 */
public record LoadedEntry(CorpusEntry entry, AudioBuffer audio) {
    /** The SPI view: id, audio, transcript, speaker. */
    public Utterance utterance() {
        return entry.toUtterance(audio);
    }
}
