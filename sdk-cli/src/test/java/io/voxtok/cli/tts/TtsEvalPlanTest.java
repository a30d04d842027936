package io.voxtok.cli.tts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.VoxtokException;
import io.voxtok.data.CorpusEntry;
import io.voxtok.data.PhoneAlignment;
import io.voxtok.data.Split;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** Item selection of the zero-shot TTS evaluation. */
class TtsEvalPlanTest {

    /** An utterance whose speech ends at {@code speechEnd} s, followed by 0.5 s of pause. */
    private static CorpusEntry utt(String id, String speaker, double speechEnd, Split split) {
        PhoneAlignment a = PhoneAlignment.fromEndTimes(List.of("pau", "a", "b", "pau"),
                new double[] {0.2, speechEnd / 2, speechEnd, speechEnd + 0.5});
        return new CorpusEntry(id, Path.of("/x/" + id + ".flac"), "text of " + id, speaker, List.of(),
                Optional.of(a), OptionalDouble.of(speechEnd + 0.5), split);
    }

    @Test
    void takesTargetsRoundRobinOverSpeakersWithAnotherFittingUtteranceAsPrompt() {
        List<CorpusEntry> c = new ArrayList<>();
        c.add(utt("a1", "A", 2.9, Split.TEST));
        c.add(utt("a2", "A", 3.4, Split.TEST)); // speech longer than 3 s: never a prompt
        c.add(utt("a3", "A", 2.0, Split.TEST));
        c.add(utt("b1", "B", 2.5, Split.TEST));
        c.add(utt("b2", "B", 1.5, Split.TEST));
        c.add(utt("c1", "C", 1.0, Split.TRAIN)); // other split
        c.add(utt("d1", "D", 1.0, Split.TEST)); // a single utterance: no prompt possible
        List<TtsEvalPlan.Item> plan = TtsEvalPlan.select(c, Split.TEST, 4, 3.0);
        assertEquals(List.of("a1", "b1", "a2", "b2"), plan.stream().map(i -> i.target().id()).toList());
        for (TtsEvalPlan.Item i : plan) {
            assertEquals(i.target().speaker(), i.prompt().speaker());
            assertNotEquals(i.target().id(), i.prompt().id());
            assertFalse(i.promptCutInSpeech());
            assertTrue(i.promptSpeechEnd() <= 3.0);
            assertNotEquals("a2", i.prompt().id());
        }
        assertEquals("a3", plan.get(0).prompt().id()); // a1: fitting {a3}
        assertEquals("b2", plan.get(1).prompt().id());
        assertEquals("a3", plan.get(2).prompt().id()); // a2: fitting {a1, a3}, second target of A takes index 1
        assertEquals("b1", plan.get(3).prompt().id());
        assertEquals(5, TtsEvalPlan.select(c, Split.TEST, 50, 3.0).size(), "at most every usable utterance");
    }

    @Test
    void fallsBackToTheShortestUtteranceAndMarksTheCut() {
        List<CorpusEntry> c = List.of(utt("a1", "A", 5.0, Split.TEST), utt("a2", "A", 4.0, Split.TEST),
                utt("a3", "A", 6.0, Split.TEST));
        TtsEvalPlan.Item i = TtsEvalPlan.select(c, Split.TEST, 1, 3.0).get(0);
        assertEquals("a2", i.prompt().id());
        assertTrue(i.promptCutInSpeech());
        assertEquals(4.0, i.promptSpeechEnd(), 1e-9);
    }

    @Test
    void refusesASplitWithoutPromptCandidates() {
        List<CorpusEntry> c = List.of(utt("a1", "A", 2.0, Split.TEST), utt("b1", "B", 2.0, Split.TEST));
        VoxtokException e = assertThrows(VoxtokException.class, () -> TtsEvalPlan.select(c, Split.TEST, 2, 3.0));
        assertTrue(e.getMessage().contains("no speaker with two utterances"), e.getMessage());
        assertThrows(VoxtokException.class, () -> TtsEvalPlan.select(c, Split.TEST, 0, 3.0));
    }
}
