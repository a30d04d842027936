package io.voxtok.data.text;

/**
 * The separators of the official text front-end ({@code Separator(word="_", syllable="-", phone="|")} in
 * vall-e's {@code data/tokenizer.py}): phonemizer joins phones with {@code |} and words with {@code _}; the
 * tokenizer then drops the {@code |} and keeps {@code _} as a token between words. The syllable separator is
 * never produced by the espeak backend.
 */
public final class PhonemeSeparators {
    /** Between words in the phonemized string, and the word-boundary token of the phoneme sequence. */
    public static final String WORD = "_";
    /** Between phones in the phonemized string; never a token. */
    public static final String PHONE = "|";

    private PhonemeSeparators() {
    }
}
