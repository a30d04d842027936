package io.voxtok.data.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a phonemized string ({@code h|ə|l|oʊ,_w|ɜː|l|d.}) into the token list of the official
 * {@code TextTokenizer.to_list}: the string is split at every word separator {@code _} (empty words kept, as
 * Python's {@code str.split} keeps them); each word is cut by the regular expression {@code \w+|[^\w\s]} with
 * Python's character classes ({@link PythonCharClasses}): a run of word characters is one token, any other
 * non-space character is a token of its own; phone separators {@code |} are dropped; a {@code _} token follows
 * every word except the last. So multi-letter phones such as {@code oʊ} or {@code iː} stay one token, each
 * punctuation mark is its own token, and combining marks (not word characters in Python) become separate tokens.
 */
public final class PhonemeSplitter {
    private PhonemeSplitter() {
    }

    /** The tokens of {@code phonemized}; empty for an empty string. */
    public static List<String> split(String phonemized) {
        List<String> fields = new ArrayList<>();
        String[] words = phonemized.split(java.util.regex.Pattern.quote(PhonemeSeparators.WORD), -1);
        for (String word : words) {
            int i = 0;
            while (i < word.length()) {
                int cp = word.codePointAt(i);
                if (PythonCharClasses.isWord(cp)) {
                    int j = i;
                    while (j < word.length() && PythonCharClasses.isWord(word.codePointAt(j))) {
                        j += Character.charCount(word.codePointAt(j));
                    }
                    fields.add(word.substring(i, j));
                    i = j;
                } else {
                    int n = Character.charCount(cp);
                    if (!PythonCharClasses.isSpace(cp)) {
                        String t = word.substring(i, i + n);
                        if (!t.equals(PhonemeSeparators.PHONE)) {
                            fields.add(t);
                        }
                    }
                    i += n;
                }
            }
            fields.add(PhonemeSeparators.WORD);
        }
        fields.remove(fields.size() - 1);
        return fields;
    }
}
