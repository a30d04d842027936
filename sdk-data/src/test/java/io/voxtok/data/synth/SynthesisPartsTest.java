package io.voxtok.data.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.data.PhoneAlignment;
import io.voxtok.data.Split;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Sentence generator, speaker plan, flite output parsing and missing-tool messages (no synthesizer needed). */
class SynthesisPartsTest {
    @Test
    void generatorGivesTwoThousandDistinctReproducibleSentences() {
        List<String> a = new SentenceGenerator(1).distinct(2000);
        assertEquals(2000, new HashSet<>(a).size());
        assertEquals(a, new SentenceGenerator(1).distinct(2000));
        for (String s : a) {
            assertTrue(s.matches("[A-Z][a-z' ]+[a-z][.?]|[A-Z][A-Za-z' ]+[a-z][.?]"), s);
            int words = s.split(" ").length;
            assertTrue(words >= 5 && words <= 14, s);
        }
    }

    @Test
    void speakerPlanHoldsOutSpeakersOfSeveralVoices() {
        SpeakerPlan p = new SpeakerPlan(20);
        assertEquals(20, p.speakers().size());
        assertEquals(3, p.speakers(Split.TEST).size());
        assertEquals(3, p.speakers(Split.DEV).size());
        Set<String> testVoices = new HashSet<>();
        p.speakers(Split.TEST).forEach(v -> testVoices.add(v.voice()));
        assertEquals(3, testVoices.size());
        assertEquals(20, p.speakers().stream().map(VoiceSpec::speakerId).distinct().count());
        assertThrows(IllegalArgumentException.class, () -> new SpeakerPlan(SpeakerPlan.MAX_SPEAKERS + 1));
    }

    @Test
    void parsesFlitePhoneDurations() {
        PhoneAlignment a = FliteSynthesizer.parsePsdur("pau:0.164 hh:0.255 ax:0.304 ax:0.304 l:0.412 \n", "x");
        assertEquals(List.of("pau", "hh", "ax", "l"), a.phones());
        assertEquals(0.164, a.segments().get(1).start(), 0);
        assertEquals(0.412, a.end(), 0);
        assertThrows(VoxtokException.class, () -> FliteSynthesizer.parsePsdur("", "x"));
        assertThrows(VoxtokException.class, () -> FliteSynthesizer.parsePsdur("pau:abc", "x"));
    }

    @Test
    void missingProgramNamesTheDebianPackage() {
        VoxtokException e = assertThrows(VoxtokException.class,
                () -> new ExternalTool("voxtok-no-such-synth", "festival").require());
        assertEquals(ErrorKind.ENVIRONMENT, e.kind());
        assertTrue(e.getMessage().contains("apt-get install festival"), e.getMessage());
    }

    @Test
    void planSplitsSentencesAndSpeakersDisjointly() {
        List<CorpusSynthesizer.Planned> plan = CorpusSynthesizer.plan(CorpusSynthesisOptions.of(java.nio.file.Path.of("x"), 1.0, 20));
        assertEquals(Math.round(3600 / CorpusSynthesizer.MEAN_UTTERANCE_SECONDS), plan.size());
        for (Split a : Split.values()) {
            for (Split b : Split.values()) {
                if (a != b) {
                    Set<String> ta = new HashSet<>();
                    Set<String> sa = new HashSet<>();
                    plan.stream().filter(p -> p.split() == a).forEach(p -> {
                        ta.add(p.text());
                        sa.add(p.voice().speakerId());
                    });
                    assertTrue(plan.stream().filter(p -> p.split() == b).noneMatch(p -> ta.contains(p.text())));
                    assertTrue(plan.stream().filter(p -> p.split() == b).noneMatch(p -> sa.contains(p.voice().speakerId())));
                }
            }
        }
        assertEquals(plan.size(), plan.stream().map(CorpusSynthesizer.Planned::id).distinct().count());
    }
}
