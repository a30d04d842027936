package io.voxtok.data.lm;

import io.voxtok.data.Split;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One utterance of a prepared LM token corpus: its text side and where its audio codes are. Immutable.
 *
 * @param id        the corpus id
 * @param split     the partition
 * @param codesFile the {@code .npy} of the codes, shape {@code (frames, layers)} (the official {@code (T, 8)})
 * @param text      the transcript
 * @param speaker   the speaker
 * @param duration  audio duration in seconds
 * @param frames    number of code frames
 * @param phonemes  the phoneme tokens (word separators and punctuation included, no BOS/EOS)
 * @param textIds   the model ids {@code <bos> ... <eos>}, so {@code textIds.length} is the official {@code x_lens}
 */
public record LmTokenEntry(String id, Split split, Path codesFile, String text, String speaker, double duration,
                           int frames, List<String> phonemes, int[] textIds) {
    /** Validates and copies. */
    public LmTokenEntry {
        Objects.requireNonNull(id);
        Objects.requireNonNull(split);
        Objects.requireNonNull(codesFile);
        phonemes = List.copyOf(phonemes);
        textIds = textIds.clone();
        if (frames < 0 || !(duration >= 0) || textIds.length != phonemes.size() + 2) {
            throw new IllegalArgumentException("inconsistent LM token entry " + id + ": " + frames + " frames, "
                    + textIds.length + " ids for " + phonemes.size() + " phonemes");
        }
    }

    /** A copy of the text ids ({@code <bos> ... <eos>}). */
    @Override
    public int[] textIds() {
        return textIds.clone();
    }
}
