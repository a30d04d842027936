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

    /**
     * Held-out speakers are other voices, of other people: the engine/voice pair and the recorded speaker of every dev
     * and test speaker (from {@code corpus.json}'s {@code voices}, e.g. {@code "festival ked (recorded speaker ked)
     * ..."}) occur in no training speaker.
     */
    @Test
    void heldOutSpeakersUseVoicesAndPeopleAbsentFromTraining() throws java.io.IOException {
        com.fasterxml.jackson.databind.JsonNode voices = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(bundled().resolveSibling("corpus.json").toFile()).path("voices");
        java.util.regex.Pattern p = java.util.regex.Pattern.compile("(\\S+) (\\S+) \\(recorded speaker (\\S+)\\).*");
        Map<Split, Set<String>> engineVoices = new EnumMap<>(Split.class);
        Map<Split, Set<String>> people = new EnumMap<>(Split.class);
        for (CorpusEntry e : entries()) {
            java.util.regex.Matcher m = p.matcher(voices.path(e.speaker()).asText());
            assertTrue(m.matches(), "corpus.json describes speaker " + e.speaker() + " as '" + voices.path(e.speaker()) + "'");
            engineVoices.computeIfAbsent(e.split(), k -> new HashSet<>()).add(m.group(1) + "/" + m.group(2));
            people.computeIfAbsent(e.split(), k -> new HashSet<>()).add(m.group(3));
        }
        for (Split held : List.of(Split.DEV, Split.TEST)) {
            for (String v : engineVoices.get(held)) {
                assertTrue(!engineVoices.get(Split.TRAIN).contains(v), held + " voice " + v + " is also in train");
            }
            for (String who : people.get(held)) {
                assertTrue(!people.get(Split.TRAIN).contains(who), held + " speaker " + who + " is also in train");
            }
        }
        assertTrue(engineVoices.get(Split.TRAIN).size() >= 4, "train voices " + engineVoices.get(Split.TRAIN));
    }

    /**
     * The last segment ends where the waveform ends (flite: clipped to it; festival: final pause extended to it):
     * alignment and audio agree to within 10 ms.
     */
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

    /**
     * Independent check of the synthesizer's timing: speech onset measured from the audio (first 5 ms frame within
     * 35 dB of the loudest) against the start of the first non-pause phone. Measured on the whole corpus the median
     * difference is 3-30 ms per voice (corpus/README.md); a timing bug (e.g. a shifted or scaled alignment) moves it far beyond 50 ms.
     */
    @Test
    void alignmentAgreesWithSpeechOnsetInTheAudio() {
        List<CorpusEntry> all = entries();
        List<Double> diffs = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 8) {
            CorpusEntry e = all.get(i);
            float[] x = UtteranceLoader.failing(16000, 1).loadOne(e).audio().channel(0);
            int hop = 80;
            double[] db = new double[x.length / hop];
            double max = -1e9;
            for (int f = 0; f < db.length; f++) {
                double s = 0;
                for (int k = 0; k < hop; k++) {
                    s += x[f * hop + k] * x[f * hop + k];
                }
                db[f] = 10 * Math.log10(s / hop + 1e-12);
                max = Math.max(max, db[f]);
            }
            int onset = 0;
            while (db[onset] < max - 35) {
                onset++;
            }
            double firstPhone = e.alignment().orElseThrow().segments().stream().filter(p -> !p.phone().equals("pau"))
                    .findFirst().orElseThrow().start();
            diffs.add(Math.abs(onset * hop / 16000.0 - firstPhone));
        }
        diffs.sort(null);
        double median = diffs.get(diffs.size() / 2);
        assertTrue(median < 0.05, "median |onset - first phone start| = " + median + " s");
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
