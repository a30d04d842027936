package io.voxtok.data.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The official {@code to_list} splitting, without espeak. */
class PhonemeSplitterTest {
    @Test
    void dropsPhoneSeparatorsAndKeepsWordSeparators() {
        assertEquals(List.of("h", "ə", "l", "oʊ", ",", "_", "w", "ɜː", "l", "d", "."),
                PhonemeSplitter.split("h|ə|l|oʊ,_w|ɜː|l|d."));
    }

    @Test
    void combiningMarksAreNotWordCharactersAsInPython() {
        // n̩ = n + U+0329: Python's \w does not match category Mn, so the mark is a token of its own.
        assertEquals(List.of("b", "ʌ", "ʔ", "n", "\u0329", "z"), PhonemeSplitter.split("b|ʌ|ʔ|n\u0329|z"));
    }

    @Test
    void emptyWordsGiveConsecutiveSeparatorsAndEmptyInputNothing() {
        assertEquals(List.of("a", "_", "_", "b"), PhonemeSplitter.split("a__b"));
        assertEquals(List.of(), PhonemeSplitter.split(""));
        assertEquals(List.of("(", "fr", ")", "b", "ɔ̃".substring(0, 1), "\u0303"), PhonemeSplitter.split("(fr)b|ɔ̃"));
    }

    @Test
    void whiteSpaceIsDroppedAndEachMarkIsAToken() {
        assertEquals(List.of("a", "?", "!", "b"), PhonemeSplitter.split("a?! b"));
    }
}
