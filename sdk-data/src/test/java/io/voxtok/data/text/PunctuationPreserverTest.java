package io.voxtok.data.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.voxtok.data.text.PunctuationPreserver.Mark;
import io.voxtok.data.text.PunctuationPreserver.Position;
import java.util.List;
import org.junit.jupiter.api.Test;

/** phonemizer's preserve/restore semantics, without espeak. */
class PunctuationPreserverTest {
    private final PunctuationPreserver p = PunctuationPreserver.defaults();

    @Test
    void cutsAtInnerAndFinalMarks() {
        PunctuationPreserver.Preserved r = p.preserve("Hello, world.");
        assertEquals(List.of("Hello", "world"), r.pieces());
        assertEquals(List.of(new Mark(", ", Position.I), new Mark(".", Position.E)), r.marks());
        assertEquals(List.of("h|ə|l|oʊ,_w|ɜː|l|d."),
                PunctuationPreserver.restore(List.of("h|ə|l|oʊ", "w|ɜː|l|d"), r.marks(), "_", true));
    }

    @Test
    void leadingMarksArePrefixedAndRunsOfMarksStayTogether() {
        PunctuationPreserver.Preserved r = p.preserve("\u201cWait ... now!\u201d");
        assertEquals(List.of("Wait", "now"), r.pieces());
        assertEquals(List.of(new Mark("\u201c", Position.B), new Mark(" ... ", Position.I),
                new Mark("!\u201d", Position.E)), r.marks());
        assertEquals(List.of("\u201cw|eɪ|t_..._n|aʊ!\u201d"),
                PunctuationPreserver.restore(List.of("w|eɪ|t", "n|aʊ"), r.marks(), "_", true));
        // without strip the phonemizer leaves a trailing word separator, which restore removes and re-adds
        assertEquals(List.of("\u201cw|eɪ|t_..._n|aʊ!\u201d_"),
                PunctuationPreserver.restore(List.of("w|eɪ|t_", "n|aʊ_"), r.marks(), "_", false));
    }

    @Test
    void aLineOfPunctuationOnlyIsKeptAlone() {
        PunctuationPreserver.Preserved r = p.preserve("?!");
        assertEquals(List.of(), r.pieces());
        assertEquals(List.of(new Mark("?!", Position.A)), r.marks());
        assertEquals(List.of("?!"), PunctuationPreserver.restore(List.of(), r.marks(), "_", true));
    }

    @Test
    void textWithoutMarksAndOtherSymbolsPassThrough() {
        PunctuationPreserver.Preserved r = p.preserve("it's (a) test");
        assertEquals(List.of("it's (a) test"), r.pieces());
        assertEquals(List.of(), r.marks());
    }
}
