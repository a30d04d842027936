package io.voxtok.cli.tts;

import io.voxtok.api.VoxtokException;
import io.voxtok.data.CorpusEntry;
import io.voxtok.data.PhoneSegment;
import io.voxtok.data.Split;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which utterances a zero-shot TTS evaluation synthesises and with which prompts. Targets are utterances of one
 * split, taken round-robin over its speakers (speakers sorted by name, each speaker's utterances by id), so
 * {@code n} items spread over every speaker. Each target's prompt is a <em>different</em> utterance of the same
 * speaker whose speech ends within the prompt length (the end of its last phone that is not silence, from the
 * manifest's alignment, else its duration), so cutting the prompt audio at that length keeps the whole transcript;
 * the k-th target of a speaker takes the k-th such utterance (cycling, sorted by id). When a speaker has none, the
 * utterance with the earliest speech end is taken and marked as cut inside speech. Deterministic.
 */
public final class TtsEvalPlan {
    /** Phone labels treated as silence at the end of an utterance. */
    static final Set<String> SILENCE = Set.of("pau", "sil", "h#", "sp", "spn", "");

    private TtsEvalPlan() {
    }

    /**
     * One item: the target (text to speak, original audio) and the prompt.
     *
     * @param target           the utterance whose text is synthesised and whose audio is the reference
     * @param prompt           another utterance of the same speaker
     * @param promptSpeechEnd  seconds at which the prompt's speech ends (alignment), or its duration
     * @param promptCutInSpeech whether cutting the prompt at the prompt length cuts speech (transcript then longer
     *                         than the audio)
     */
    public record Item(CorpusEntry target, CorpusEntry prompt, double promptSpeechEnd, boolean promptCutInSpeech) {
    }

    /**
     * Selects {@code n} items of {@code split}.
     *
     * @param entries       the corpus
     * @param split         split of targets and prompts
     * @param n             items wanted (fewer when the split has fewer usable utterances)
     * @param promptSeconds prompt length
     * @throws VoxtokException when the split has no speaker with two utterances
     */
    public static List<Item> select(List<CorpusEntry> entries, Split split, int n, double promptSeconds) {
        if (n < 1) {
            throw VoxtokException.userInput("the number of items must be >= 1, got " + n);
        }
        Map<String, List<CorpusEntry>> bySpeaker = new TreeMap<>();
        for (CorpusEntry e : entries) {
            if (e.split() == split && !e.text().isBlank()) {
                bySpeaker.computeIfAbsent(e.speaker(), k -> new ArrayList<>()).add(e);
            }
        }
        bySpeaker.values().removeIf(l -> l.size() < 2);
        if (bySpeaker.isEmpty()) {
            throw VoxtokException.userInput("the " + split.label() + " split has no speaker with two utterances "
                    + "(a target and a different prompt utterance are needed)");
        }
        bySpeaker.values().forEach(l -> l.sort(Comparator.comparing(CorpusEntry::id)));
        List<Item> out = new ArrayList<>();
        int total = bySpeaker.values().stream().mapToInt(List::size).sum();
        for (int round = 0; out.size() < Math.min(n, total); round++) {
            for (List<CorpusEntry> utts : bySpeaker.values()) {
                if (round < utts.size() && out.size() < n) {
                    out.add(item(utts.get(round), utts, round, promptSeconds));
                }
            }
        }
        return out;
    }

    private static Item item(CorpusEntry target, List<CorpusEntry> speaker, int k, double promptSeconds) {
        List<CorpusEntry> fitting = new ArrayList<>();
        for (CorpusEntry e : speaker) {
            OptionalDouble end = speechEnd(e);
            if (e != target && end.isPresent() && end.getAsDouble() <= promptSeconds) {
                fitting.add(e);
            }
        }
        if (!fitting.isEmpty()) {
            CorpusEntry p = fitting.get(k % fitting.size());
            return new Item(target, p, speechEnd(p).getAsDouble(), false);
        }
        CorpusEntry best = null;
        double bestEnd = Double.POSITIVE_INFINITY;
        for (CorpusEntry e : speaker) {
            double end = speechEnd(e).orElse(Double.MAX_VALUE);
            if (e != target && (best == null || end < bestEnd)) {
                best = e;
                bestEnd = end;
            }
        }
        return new Item(target, best, bestEnd, bestEnd > promptSeconds);
    }

    /** End of the last non-silence phone, else the duration, else empty. */
    static OptionalDouble speechEnd(CorpusEntry e) {
        if (e.alignment().isPresent()) {
            List<PhoneSegment> segs = e.alignment().get().segments();
            for (int i = segs.size() - 1; i >= 0; i--) {
                if (!SILENCE.contains(segs.get(i).phone())) {
                    return OptionalDouble.of(segs.get(i).end());
                }
            }
        }
        return e.duration();
    }
}
