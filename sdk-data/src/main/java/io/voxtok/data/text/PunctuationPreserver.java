package io.voxtok.data.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Keeps punctuation out of the phonemizer and puts it back afterwards, with the semantics of phonemizer's
 * {@code Punctuation.preserve}/{@code restore} (phonemizer 3.x, {@code preserve_punctuation=True}), which the
 * official front-end uses because espeak drops punctuation silently.
 *
 * <p>A <em>mark</em> is a maximal run of white space and punctuation characters that holds at least one
 * punctuation character (the regular expression {@code (\s*[marks]+\s*)+}). Each mark is classified: {@code B}
 * (the first mark, at the start of the line), {@code E} (the last mark, at the end), {@code A} (the whole line)
 * or {@code I} (inside). The line is cut at each mark (at the mark text's first occurrence, as Python's
 * {@code str.split} does), empty pieces are dropped, the pieces are phonemized separately, and
 * {@link #restore} glues them back with each mark's white space replaced by the word separator: {@code I}
 * joins two pieces ({@code a,_b}), {@code B} is prefixed, {@code E} appended.
 */
public final class PunctuationPreserver {
    /** phonemizer's {@code Punctuation.default_marks()} (3.0/3.1): {@code ;:,.!?¡¿—…"«»“”}. */
    public static final String DEFAULT_MARKS = ";:,.!?¡¿—…\"«»“”";

    private final String marks;

    /** A preserver for the given single-character marks. */
    public PunctuationPreserver(String marks) {
        this.marks = Objects.requireNonNull(marks);
    }

    /** A preserver for {@link #DEFAULT_MARKS}. */
    public static PunctuationPreserver defaults() {
        return new PunctuationPreserver(DEFAULT_MARKS);
    }

    /** Where a mark sits in its line. */
    public enum Position {
        /** At the beginning. */
        B,
        /** At the end. */
        E,
        /** Inside, between two pieces. */
        I,
        /** The whole line is punctuation. */
        A
    }

    /**
     * One punctuation run.
     *
     * @param text     the run as in the text, white space included
     * @param position where it sits
     */
    public record Mark(String text, Position position) {
    }

    /**
     * A line cut at its marks.
     *
     * @param pieces the non-empty text between marks, to be phonemized one by one
     * @param marks  the marks in order
     */
    public record Preserved(List<String> pieces, List<Mark> marks) {
    }

    /** Cuts {@code line} at its punctuation. */
    public Preserved preserve(String line) {
        List<int[]> matches = findMarks(line);
        if (matches.isEmpty()) {
            return new Preserved(nonEmpty(List.of(line)), List.of());
        }
        if (matches.size() == 1 && matches.get(0)[0] == 0 && matches.get(0)[1] == line.length()) {
            return new Preserved(List.of(), List.of(new Mark(line, Position.A)));
        }
        List<Mark> found = new ArrayList<>();
        for (int k = 0; k < matches.size(); k++) {
            String m = line.substring(matches.get(k)[0], matches.get(k)[1]);
            Position p = Position.I;
            if (k == 0 && line.startsWith(m)) {
                p = Position.B;
            } else if (k == matches.size() - 1 && line.endsWith(m)) {
                p = Position.E;
            }
            found.add(new Mark(m, p));
        }
        List<String> pieces = new ArrayList<>();
        String rest = line;
        for (Mark mark : found) {
            int at = rest.indexOf(mark.text());
            pieces.add(rest.substring(0, at));
            rest = rest.substring(at + mark.text().length());
        }
        pieces.add(rest);
        return new Preserved(nonEmpty(pieces), List.copyOf(found));
    }

    /**
     * Puts the marks back between the phonemized pieces ({@code Punctuation.restore} for one input line).
     *
     * @param phonemized the pieces after phonemization, in order
     * @param marks      the marks from {@link #preserve}
     * @param wordSep    the word separator that replaces white space inside marks
     * @param strip      whether phonemization stripped the trailing word separator (the official front-end: true)
     * @return the restored line(s); one for a line that had any text
     */
    public static List<String> restore(List<String> phonemized, List<Mark> marks, String wordSep, boolean strip) {
        List<String> text = new ArrayList<>(phonemized);
        List<String> out = new ArrayList<>();
        int m = 0;
        boolean placing = true; // all marks belong to line 0; after an E or A mark the next line starts
        while (true) {
            if (m == marks.size()) {
                out.addAll(text);
                return out;
            }
            if (text.isEmpty()) {
                StringBuilder all = new StringBuilder();
                for (int k = m; k < marks.size(); k++) {
                    all.append(marks.get(k).text());
                }
                out.add(replaceSpaces(all.toString(), wordSep) + (strip ? "" : wordSep));
                return out;
            }
            if (!placing) {
                // the remaining marks belong to an earlier line: Python moves on line by line, never placing them
                out.add(text.remove(0));
                continue;
            }
            Mark current = marks.get(m);
            if (!wordSep.isEmpty() && text.get(0).endsWith(wordSep)) {
                text.set(0, text.get(0).substring(0, text.get(0).length() - wordSep.length()));
            }
            String mark = replaceSpaces(current.text(), wordSep);
            m++;
            switch (current.position()) {
                case B -> text.set(0, mark + text.get(0));
                case E -> {
                    out.add(text.remove(0) + mark + (strip ? "" : wordSep));
                    placing = false;
                }
                case A -> {
                    out.add(mark);
                    placing = false;
                }
                case I -> {
                    if (text.size() == 1) {
                        text.set(0, text.get(0) + mark);
                    } else {
                        String first = text.remove(0);
                        text.set(0, first + mark + text.get(0));
                    }
                }
                default -> throw new IllegalStateException();
            }
        }
    }

    private static String replaceSpaces(String s, String wordSep) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(cp -> {
            if (PythonCharClasses.isSpace(cp)) {
                b.append(wordSep);
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }

    /** Start/end of every mark, left to right, non-overlapping. */
    private List<int[]> findMarks(String line) {
        List<int[]> out = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            int cp = line.codePointAt(i);
            if (!isMarkOrSpace(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int j = i;
            boolean hasMark = false;
            while (j < line.length() && isMarkOrSpace(line.codePointAt(j))) {
                hasMark |= isMark(line.codePointAt(j));
                j += Character.charCount(line.codePointAt(j));
            }
            if (hasMark) {
                out.add(new int[] {i, j});
            }
            i = j;
        }
        return out;
    }

    private boolean isMark(int cp) {
        return marks.indexOf(cp) >= 0;
    }

    private boolean isMarkOrSpace(int cp) {
        return isMark(cp) || PythonCharClasses.isSpace(cp);
    }

    private static List<String> nonEmpty(List<String> pieces) {
        return pieces.stream().filter(p -> !p.isEmpty()).toList();
    }
}
