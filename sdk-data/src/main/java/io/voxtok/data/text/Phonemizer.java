package io.voxtok.data.text;

import java.util.List;

/**
 * Text to the phoneme token sequence a speech language model reads (word boundaries and punctuation included,
 * no BOS/EOS). Implementations are deterministic: the same text always gives the same tokens.
 */
@FunctionalInterface
public interface Phonemizer {
    /**
     * The tokens of {@code text}.
     *
     * @throws io.voxtok.api.VoxtokException when the underlying tool is missing or fails
     */
    List<String> phonemize(String text);
}
