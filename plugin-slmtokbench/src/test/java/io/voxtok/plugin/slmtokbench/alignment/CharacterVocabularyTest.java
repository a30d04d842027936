package io.voxtok.plugin.slmtokbench.alignment;

import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Character vocabulary and greedy CTC decoding. */
class CharacterVocabularyTest {
    @Test
    void vocabularyComesFromNormalisedTranscripts() {
        CharacterVocabulary v = CharacterVocabulary.of(List.of("Abba, cab!", "Don't"));
        assertEquals(" 'abcdnot", v.characters());
        assertEquals(10, v.classes());
        assertArrayEquals(new int[] {3, 4, 4, 3}, v.encode("ABBA"));
        assertEquals("abba", v.decode(v.encode("abba")));
        assertArrayEquals(new int[] {3, 1, 1, 3}, v.encode("a z a"), "z is unknown and dropped");
        assertEquals(1, v.unknownCharacters("a z a"));
    }

    @Test
    void greedyDecodingCollapsesRepeatsAndDropsBlanks() {
        assertArrayEquals(new int[] {1, 1, 2}, GreedyCtcDecoder.collapse(new int[] {0, 1, 1, 0, 1, 2, 2, 0}, 0));
        float[][] scores = {{0.1f, 0.8f, 0.1f}, {0.1f, 0.7f, 0.2f}, {0.9f, 0.05f, 0.05f}, {0.2f, 0.3f, 0.5f}};
        assertArrayEquals(new int[] {1, 2}, GreedyCtcDecoder.decode(scores, 0));
        assertArrayEquals(new int[] {1, 0}, GreedyCtcDecoder.decode(scores, 2), "blank as the last class");
    }
}
