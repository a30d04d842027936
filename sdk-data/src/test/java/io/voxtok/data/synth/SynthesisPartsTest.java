package io.voxtok.data.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.data.PhoneAlignment;
import io.voxtok.data.Split;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
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
    void speakerPlanHoldsOutVoicesAndPeopleNeverHeardInTraining() {
        for (int n = 3; n <= SpeakerPlan.MAX_SPEAKERS; n++) {
            SpeakerPlan p = new SpeakerPlan(n);
            assertEquals(n, p.speakers().size());
            assertEquals(n, p.speakers().stream().map(VoiceSpec::speakerId).distinct().count());
            int held = Math.max(1, (int) Math.round(0.15 * n));
            assertEquals(held, p.speakers(Split.TEST).size());
            assertEquals(held, p.speakers(Split.DEV).size());
            Map<Split, Set<String>> voices = new EnumMap<>(Split.class);
            Map<Split, Set<String>> people = new EnumMap<>(Split.class);
            for (Split s : Split.values()) {
                voices.put(s, new HashSet<>());
                people.put(s, new HashSet<>());
                for (VoiceSpec v : p.speakers(s)) {
                    voices.get(s).add(v.engineVoice());
                    people.get(s).add(v.recordedSpeaker());
                }
            }
            for (Split a : Split.values()) {
                for (Split b : Split.values()) {
                    if (a != b) {
                        assertTrue(Collections.disjoint(voices.get(a), voices.get(b)), n + ": " + a + "/" + b);
                        assertTrue(Collections.disjoint(people.get(a), people.get(b)), n + ": " + a + "/" + b);
                    }
                }
            }
        }
        SpeakerPlan p = new SpeakerPlan(20);
        assertEquals(Set.of("flite/slt", "flite/awb", "flite/rms", "festival/slt_hts"),
                p.speakers(Split.TRAIN).stream().map(VoiceSpec::engineVoice).collect(Collectors.toSet()));
        assertEquals(Set.of("flite/kal16", "festival/kal"),
                p.speakers(Split.DEV).stream().map(VoiceSpec::engineVoice).collect(Collectors.toSet()));
        assertEquals(Set.of("festival/ked"),
                p.speakers(Split.TEST).stream().map(VoiceSpec::engineVoice).collect(Collectors.toSet()));
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
