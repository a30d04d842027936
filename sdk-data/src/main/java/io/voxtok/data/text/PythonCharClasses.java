package io.voxtok.data.text;

/**
 * Python 3's {@code re} character classes for {@code str} patterns, which the official front-end's regular
 * expressions use. They differ from Java's: Java's {@code \w} is ASCII-only by default and, with
 * {@code UNICODE_CHARACTER_CLASS}, also matches combining marks (category M), which Python's does not. The
 * difference matters for espeak output such as {@code n̩} (n + U+0329 COMBINING VERTICAL LINE BELOW): Python
 * splits it into {@code n} and {@code ̩}, and so must we for the ids to match.
 */
final class PythonCharClasses {
    private PythonCharClasses() {
    }

    /**
     * Python's {@code \w}: {@code str.isalnum()} (letters of categories L*, and characters with a numeric
     * value: Nd, Nl, No) or the underscore.
     */
    static boolean isWord(int cp) {
        if (cp == '_' || Character.isLetter(cp)) {
            return true;
        }
        int t = Character.getType(cp);
        return t == Character.DECIMAL_DIGIT_NUMBER || t == Character.LETTER_NUMBER || t == Character.OTHER_NUMBER;
    }

    /**
     * Python's {@code \s} / {@code str.isspace()}: the Unicode white space characters, including the
     * information separators U+001C..U+001F, U+0085 and the no-break spaces that Java's
     * {@link Character#isWhitespace} leaves out.
     */
    static boolean isSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85;
    }

    /** Python's {@code str.strip()} without arguments: removes leading and trailing {@link #isSpace} characters. */
    static String strip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.codePointAt(start))) {
            start += Character.charCount(s.codePointAt(start));
        }
        while (end > start && isSpace(s.codePointBefore(end))) {
            end -= Character.charCount(s.codePointBefore(end));
        }
        return s.substring(start, end);
    }
}
