package io.voxtok.plugin.slmtokbench.alignment;

import io.voxtok.api.VoxtokException;
import io.voxtok.metrics.TextNormalizer;
import java.util.Collection;
import java.util.TreeSet;

/**
 * The probe's output classes: CTC blank at index 0, then every character (space included) that occurs in the
 * {@link TextNormalizer}-normalised training transcripts, in code-point order. Characters of dev/test transcripts
 * that never occur in training cannot be predicted; {@link #encode} drops them (they still count as errors in
 * WER/CER, which score the full normalised reference). Immutable.
 */
public final class CharacterVocabulary {
    /** Index of the CTC blank. */
    public static final int BLANK = 0;
    private final String characters;

    private CharacterVocabulary(String characters) {
        this.characters = characters;
    }

    /** The vocabulary of the normalised {@code transcripts}. */
    public static CharacterVocabulary of(Collection<String> transcripts) {
        TreeSet<Character> set = new TreeSet<>();
        for (String t : transcripts) {
            for (char c : TextNormalizer.normalize(t).toCharArray()) {
                set.add(c);
            }
        }
        if (set.isEmpty()) {
            throw VoxtokException.userInput("the training transcripts are empty after normalisation");
        }
        StringBuilder b = new StringBuilder();
        set.forEach(b::append);
        return new CharacterVocabulary(b.toString());
    }

    /** Output classes including the blank. */
    public int classes() {
        return characters.length() + 1;
    }

    /** The characters, class {@code i + 1} being {@code characters().charAt(i)}. */
    public String characters() {
        return characters;
    }

    /** Class ids of the normalised text; characters outside the vocabulary are dropped. */
    public int[] encode(String text) {
        String n = TextNormalizer.normalize(text);
        int[] out = new int[n.length()];
        int k = 0;
        for (char c : n.toCharArray()) {
            int i = characters.indexOf(c);
            if (i >= 0) {
                out[k++] = i + 1;
            }
        }
        return java.util.Arrays.copyOf(out, k);
    }

    /** Number of characters of the normalised text that {@link #encode} drops. */
    public int unknownCharacters(String text) {
        return TextNormalizer.normalize(text).length() - encode(text).length;
    }

    /** The text of non-blank class ids. */
    public String decode(int[] classes) {
        StringBuilder b = new StringBuilder(classes.length);
        for (int c : classes) {
            if (c <= BLANK || c > characters.length()) {
                throw new IllegalArgumentException("class " + c + " is not a character of this vocabulary");
            }
            b.append(characters.charAt(c - 1));
        }
        return b.toString();
    }
}
