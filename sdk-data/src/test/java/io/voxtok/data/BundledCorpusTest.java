package io.voxtok.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The committed corpus under corpus/bundled: manifest consistency, splits, alignments and decodable audio. */
class BundledCorpusTest {
    static Path bundled() {
        String root = System.getProperty("voxtok.root");
        if (root == null) {
            throw new IllegalStateException("system property voxtok.root is not set (surefire sets it)");
        }
        Path p = Path.of(root, "corpus", "bundled", "manifest.jsonl");
        if (!p.toFile().isFile()) {
            throw new IllegalStateException("bundled corpus missing: " + p);
        }
        return p;
    }

    private static List<CorpusEntry> entries() {
        try (Stream<CorpusEntry> s = new ManifestDataset(bundled()).entries()) {
            return s.toList();
        }
    }

    @Test
    void splitsAreSentenceDisjointWithHeldOutSpeakers() {
        Map<Split, Set<String>> texts = new EnumMap<>(Split.class);
        Map<Split, Set<String>> speakers = new EnumMap<>(Split.class);
        for (CorpusEntry e : entries()) {
            texts.computeIfAbsent(e.split(), k -> new HashSet<>()).add(e.text());
            speakers.computeIfAbsent(e.split(), k -> new HashSet<>()).add(e.speaker());
        }
        for (Split a : Split.values()) {
            for (Split b : Split.values()) {
                if (a.ordinal() < b.ordinal()) {
                    Set<String> t = new HashSet<>(texts.get(a));
                    t.retainAll(texts.get(b));
                    assertTrue(t.isEmpty(), a + "/" + b + " share sentences " + t);
                    Set<String> s = new HashSet<>(speakers.get(a));
                    s.retainAll(speakers.get(b));
                    assertTrue(s.isEmpty(), a + "/" + b + " share speakers " + s);
                }
            }
        }
        int allSpeakers = speakers.values().stream().mapToInt(Set::size).sum();
        assertTrue(allSpeakers >= 8, "speakers: " + allSpeakers);
    }

    /** flite's last segment ends where its waveform ends: alignment and audio agree to within 10 ms. */
    @Test
    void everyEntryHasPhonesAndAnAlignmentCoveringTheAudio() {
        List<CorpusEntry> all = entries();
        assertTrue(all.size() >= 200, "utterances: " + all.size());
        double worst = 0;
        for (CorpusEntry e : all) {
            assertTrue(e.alignment().isPresent(), e.id());
            assertEquals(e.alignment().get().phones(), e.phonemes(), e.id());
            assertEquals("pau", e.phonemes().get(0), e.id());
            worst = Math.max(worst, Math.abs(e.alignment().get().end() - e.duration().getAsDouble()));
        }
        assertTrue(worst < 0.010, "largest alignment/audio end mismatch " + worst + " s");
    }

    @Test
    void audioDecodesWithTheManifestDuration() {
        List<CorpusEntry> some = new ArrayList<>();
        List<CorpusEntry> all = entries();
        for (int i = 0; i < all.size(); i += 40) {
            some.add(all.get(i));
        }
        List<BadFile> bad = new ArrayList<>();
        List<LoadedEntry> loaded = UtteranceLoader.skipping(16000, 1, bad::add).load(some.stream()).toList();
        assertTrue(bad.isEmpty(), bad.toString());
        for (LoadedEntry l : loaded) {
            assertEquals(l.entry().duration().getAsDouble(), l.audio().seconds(), 1e-3, l.entry().id());
            assertEquals(l.entry().text(), l.utterance().transcript().orElseThrow());
        }
    }

    @Test
    void statsCountSplitsAndHours() {
        CorpusStats st = CorpusStats.of(new ManifestDataset(bundled()));
        assertEquals(entries().size(), st.totalUtterances());
        assertTrue(st.totalHours() > 0.1 && st.totalHours() < 0.5, "hours " + st.totalHours());
        assertTrue(st.splits().get(Split.TEST).speakers() >= 2);
        assertEquals(0, st.splits().get(Split.TRAIN).unknownDuration());
        assertTrue(st.toMarkdown().contains("| test |"));
    }
}
