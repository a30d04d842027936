package io.voxtok.plugin.uslm.text;

import io.voxtok.data.text.Phonemizer;
import io.voxtok.data.text.TextVocabulary;
import java.util.Objects;

/**
 * Text to USLM text ids: the phonemizer (normally {@link io.voxtok.data.text.EspeakPhonemizer#official()}) and a
 * checkpoint's vocabulary ({@code unique_text_tokens.k2symbols}), checked to fit the model's
 * {@link #NUM_TEXT_TOKENS} text-embedding rows.
 */
public final class UslmTextFrontEnd {
    /** {@code NUM_TEXT_TOKENS} of the official {@code models/macros.py}: rows of the text embeddings. */
    public static final int NUM_TEXT_TOKENS = 512;

    private final Phonemizer phonemizer;
    private final TextVocabulary vocabulary;

    /**
     * @throws io.voxtok.api.VoxtokException when the vocabulary has more than {@link #NUM_TEXT_TOKENS} ids
     */
    public UslmTextFrontEnd(Phonemizer phonemizer, TextVocabulary vocabulary) {
        this.phonemizer = Objects.requireNonNull(phonemizer);
        this.vocabulary = Objects.requireNonNull(vocabulary);
        vocabulary.requireFits(NUM_TEXT_TOKENS);
    }

    /** The vocabulary. */
    public TextVocabulary vocabulary() {
        return vocabulary;
    }

    /** {@code <bos> phonemes(text) <eos>}. */
    public int[] encode(String text) {
        return vocabulary.encode(phonemizer.phonemize(text));
    }

    /**
     * The inference input of {@code bin/infer.py}: the ids of {@code f"{prompt} {target}".strip()} phonemized as
     * one string, and the length of {@code prompt.strip()}'s ids.
     */
    public UslmTextInput inferenceInput(String promptText, String targetText) {
        // String.strip() differs from Python's only for no-break spaces, which the espeak phonemizer strips itself
        int[] ids = encode((promptText + " " + targetText).strip());
        int enroll = encode(promptText.strip()).length;
        return new UslmTextInput(ids, enroll);
    }
}
