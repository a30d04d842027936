package io.voxtok.plugin.uslm.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.voxtok.api.VoxtokException;
import io.voxtok.data.text.Phonemizer;
import io.voxtok.data.text.TextVocabulary;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Inference input (prompt + target as one string) and the 512-row limit, with a letter phonemizer. */
class UslmTextFrontEndTest {
    private static final Phonemizer LETTERS = text -> {
        List<String> out = new ArrayList<>();
        String[] words = text.strip().split(" +");
        for (String w : words) {
            if (!out.isEmpty()) {
                out.add("_");
            }
            w.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
        }
        return out;
    };

    @Test
    void promptAndTargetArePhonemizedTogether() {
        // ids: <pad>0 <bos>1 <eos>2 <eps>3 _4 a5 b6
        UslmTextFrontEnd fe = new UslmTextFrontEnd(LETTERS, TextVocabulary.fromSymbols(List.of("a", "b", "_")));
        UslmTextInput in = fe.inferenceInput("ab", "b");
        assertArrayEquals(new int[] {1, 5, 6, 4, 6, 2}, in.ids());
        assertEquals(4, in.enrollLength());
        assertArrayEquals(new int[] {1, 6, 2}, fe.inferenceInput("", "b").ids());
    }

    @Test
    void aVocabularyLargerThanTheEmbeddingIsRefused() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 509; i++) {
            many.add("p" + i);
        }
        // 509 symbols + <eps> + 3 specials = 513 ids > 512 rows
        assertThrows(VoxtokException.class, () -> new UslmTextFrontEnd(LETTERS, TextVocabulary.fromSymbols(many)));
        new UslmTextFrontEnd(LETTERS, TextVocabulary.fromSymbols(many.subList(0, 508)));
    }
}
