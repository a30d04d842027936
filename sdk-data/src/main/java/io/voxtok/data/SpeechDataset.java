package io.voxtok.data;

import java.util.stream.Stream;

/**
 * A corpus read lazily: {@link #entries()} streams item descriptions in a deterministic order without loading
 * audio, so corpora larger than memory can be processed. Close the returned stream (try-with-resources): it may
 * hold open files.
 */
public interface SpeechDataset {
    /** A short name for reports, e.g. {@code librispeech:/data/LibriSpeech}. */
    String name();

    /**
     * All entries in a fixed order.
     *
     * @throws io.voxtok.api.VoxtokException naming the file when the layout or a metadata file is malformed
     */
    Stream<CorpusEntry> entries();

    /** Entries of one split. */
    default Stream<CorpusEntry> entries(Split split) {
        return entries().filter(e -> e.split() == split);
    }
}
