package io.voxtok.metrics;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The text normalisation applied to references and hypotheses before WER/CER (version 1): Unicode NFKC;
 * lower case (locale-independent); curly apostrophes become {@code '}; an apostrophe between two letters or
 * digits is kept ({@code don't}), any other punctuation or symbol character (Unicode categories P and S) becomes
 * a space, except a {@code .} or {@code ,} between two digits; numbers are left as written (no spelling out:
 * {@code 42} and {@code 3.5} stay as they are); runs of whitespace become
 * one space; leading/trailing space is removed. Stateless and thread-safe.
 */
public final class TextNormalizer {
    /** Definition version, recorded in WER/CER results. */
    public static final String VERSION = "1";

    private TextNormalizer() {
    }

    /** The normalised text. */
    public static String normalize(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                .replace('\u2019', '\'').replace('\u2018', '\'');
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'') {
                boolean inside = i > 0 && i + 1 < s.length() && Character.isLetterOrDigit(s.charAt(i - 1))
                        && Character.isLetterOrDigit(s.charAt(i + 1));
                b.append(inside ? '\'' : ' ');
            } else if ((c == '.' || c == ',') && i > 0 && i + 1 < s.length() && Character.isDigit(s.charAt(i - 1))
                    && Character.isDigit(s.charAt(i + 1))) {
                b.append(c);
            } else if (isPunctuationOrSymbol(c) || Character.isWhitespace(c)) {
                b.append(' ');
            } else {
                b.append(c);
            }
        }
        return b.toString().trim().replaceAll("\\s+", " ");
    }

    private static boolean isPunctuationOrSymbol(char c) {
        return switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                 Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                 Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
            default -> false;
        };
    }
}
