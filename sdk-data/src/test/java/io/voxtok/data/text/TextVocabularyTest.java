package io.voxtok.data.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.VoxtokException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The k2 symbol table and the TextTokenCollater id layout. */
class TextVocabularyTest {
    @TempDir
    Path dir;

    /** A hand-written table in the official format (unsorted ids on purpose: model ids do not follow them). */
    private static final String SAMPLE = """
            <eps> 0
            ə 1
            ! 2
            , 3
            . 4

            ? 5
            _ 6
            a 7
            iː 8
            ð 9
            """;

    @Test
    void modelIdsAreSpecialsThenTheSortedSymbolsIncludingEps() throws Exception {
        Path f = dir.resolve("unique_text_tokens.k2symbols");
        Files.writeString(f, SAMPLE);
        TextVocabulary v = TextVocabulary.read(f);
        assertEquals(List.of("<pad>", "<bos>", "<eos>", "!", ",", ".", "<eps>", "?", "_", "a", "iː", "ð", "ə"),
                v.symbols());
        assertEquals(0, v.id("<pad>"));
        assertEquals(6, v.id("<eps>"));
        assertEquals(12, v.id("ə"));
        assertArrayEquals(new int[] {1, 11, 12, 8, 9, 3, 2}, v.encode(List.of("ð", "ə", "_", "a", "!")));
        assertEquals(List.of("<bos>", "ð", "ə", "<eos>"), v.decode(new int[] {1, 11, 12, 2}));
    }

    @Test
    void aTableWithoutIdZeroGetsEpsLikeK2() throws Exception {
        Path f = dir.resolve("t.k2symbols");
        Files.writeString(f, "b 1\na 2\n");
        TextVocabulary v = TextVocabulary.read(f);
        assertEquals(List.of("<pad>", "<bos>", "<eos>", "<eps>", "a", "b"), v.symbols());
        assertEquals("<eps>", v.table().get(0));
    }

    @Test
    void builtVocabularyRoundTripsThroughTheFileAsTheOfficialToolWritesIt() {
        TextVocabulary v = TextVocabulary.fromSymbols(List.of("ə", "ð", "_", ".", "ð", "iː"));
        Path f = dir.resolve("out/unique_text_tokens.k2symbols");
        v.write(f);
        assertEquals("<eps> 0\n. 1\n_ 2\niː 3\nð 4\nə 5\n", readString(f));
        TextVocabulary back = TextVocabulary.read(f);
        assertEquals(v, back);
        assertEquals(v.symbols(), back.symbols());
        assertEquals(List.of("<pad>", "<bos>", "<eos>", ".", "<eps>", "_", "iː", "ð", "ə"), back.symbols());
    }

    @Test
    void pythonOrderComparesCodePointsNotUtf16Units() {
        // U+1F600 (surrogate pair D83D DE00) sorts after U+FF01 in Python, before it in UTF-16 order.
        String emoji = new String(Character.toChars(0x1F600));
        TextVocabulary v = TextVocabulary.fromSymbols(List.of(emoji, "\uFF01"));
        assertEquals(List.of("\uFF01", emoji), v.symbols().subList(4, 6));
    }

    @Test
    void unknownSymbolsAndBadFilesAreNamed() throws Exception {
        TextVocabulary v = TextVocabulary.fromSymbols(List.of("a"));
        VoxtokException e = assertThrows(VoxtokException.class, () -> v.encode(List.of("a", "ʒ")));
        assertTrue(e.getMessage().contains("'ʒ'") && e.getMessage().contains("U+0292"), e.getMessage());
        Path bad = dir.resolve("bad.k2symbols");
        Files.writeString(bad, "a 1\nb x\n");
        e = assertThrows(VoxtokException.class, () -> TextVocabulary.read(bad));
        assertTrue(e.getMessage().contains("bad.k2symbols line 2"), e.getMessage());
        Files.writeString(bad, "a 1\na 2\n");
        e = assertThrows(VoxtokException.class, () -> TextVocabulary.read(bad));
        assertTrue(e.getMessage().contains("duplicated symbol 'a'"), e.getMessage());
        Files.writeString(bad, "a 1 2\n");
        assertThrows(VoxtokException.class, () -> TextVocabulary.read(bad));
        assertThrows(VoxtokException.class, () -> TextVocabulary.read(dir.resolve("missing.k2symbols")));
        assertThrows(VoxtokException.class, () -> TextVocabulary.fromSymbols(List.of("a b")));
        assertThrows(VoxtokException.class, () -> v.requireFits(4));
        v.requireFits(5);
    }

    private static String readString(Path f) {
        try {
            return Files.readString(f);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
