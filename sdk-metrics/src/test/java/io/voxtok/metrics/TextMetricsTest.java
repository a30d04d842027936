package io.voxtok.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.voxtok.api.VoxtokException;
import org.junit.jupiter.api.Test;

/** Text normalisation and WER/CER on hand-counted cases. */
class TextMetricsTest {
    @Test
    void normalizerLowercasesStripsPunctuationKeepsNumbersAndApostrophes() {
        assertEquals("the old man's dog don't run 42 times", TextNormalizer.normalize("The old man's dog -- \"don't\" run, 42 times!"));
        assertEquals("hello world", TextNormalizer.normalize("  Hello,\tWORLD.  "));
        assertEquals("it s", TextNormalizer.normalize("'it' 's'"));
        assertEquals("3.5 percent 1,000", TextNormalizer.normalize("3.5 percent, 1,000."));
        assertEquals("", TextNormalizer.normalize("?!"));
    }

    @Test
    void wordEditsCountSubstitutionsDeletionsInsertions() {
        // a b c d -> a c d e: deleting b and inserting e (2 edits) beats three substitutions.
        assertEquals(new EditCounts(0, 1, 1, 4), ErrorRate.wordEdits("A b, c d.", "a c d e"));
        // the cat sat on the mat -> the cat sit on mat today: 3 edits; equal-cost paths prefer substitutions.
        assertEquals(new EditCounts(3, 0, 0, 6), ErrorRate.wordEdits("The cat sat on the mat.", "the cat sit on mat today"));
        assertEquals(0, ErrorRate.wordEdits("Hello, world!", "hello world").errors());
        assertEquals(new EditCounts(0, 0, 2, 1), ErrorRate.wordEdits("a", "a b c"));
        assertEquals(new EditCounts(0, 2, 0, 2), ErrorRate.wordEdits("a b", ""));
    }

    @Test
    void corpusRatesSumEditsOverReferenceLength() {
        ErrorRate r = new ErrorRate().add("a b c d", "a x c d").add("e f", "");
        // words: 1 sub + 2 del over 6 words = 0.5
        assertEquals(0.5, r.wer().value(), 1e-12);
        // chars: "a b c d" (7) vs "a x c d": 1 sub; "e f" (3) vs "": 3 del -> 4/10
        assertEquals(0.4, r.cer().value(), 1e-12);
        assertEquals("6", r.wer().parameters().get("reference_units"));
    }

    @Test
    void emptyReferencesAreAnError() {
        assertThrows(VoxtokException.class, () -> new ErrorRate().add("...", "x").wer());
    }
}
