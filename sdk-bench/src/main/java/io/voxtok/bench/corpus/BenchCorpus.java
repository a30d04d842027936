package io.voxtok.bench.corpus;

import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.Utterance;
import io.voxtok.audio.AudioReader;
import io.voxtok.data.CorpusEntry;
import io.voxtok.data.ManifestDataset;
import io.voxtok.data.PhoneAlignment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The benchmark corpus: a Voxtok corpus folder ({@code manifest.jsonl} and audio, as {@code corpus/bundled}), the
 * chosen split sorted by id and cut to at most {@code maxUtterances}. Audio is read per subject at its rate and
 * channels (tokenizers are fed at their own rate). Immutable.
 */
public final class BenchCorpus {
    private final Path manifest;
    private final List<CorpusEntry> entries;
    private final List<CorpusEntry> all;

    private BenchCorpus(Path manifest, List<CorpusEntry> entries, List<CorpusEntry> all) {
        this.manifest = manifest;
        this.entries = List.copyOf(entries);
        this.all = List.copyOf(all);
    }

    /**
     * Opens {@code dir}/manifest.jsonl (or {@code dir} itself when it is a manifest file).
     *
     * @throws VoxtokException (USER_INPUT) naming the folder when it has no manifest or no item of the split
     */
    public static BenchCorpus open(Path dir, String split, int maxUtterances) {
        Path m = Files.isDirectory(dir) ? dir.resolve("manifest.jsonl") : dir;
        if (!Files.isRegularFile(m)) {
            throw VoxtokException.userInput(dir + ": no manifest.jsonl (a Voxtok corpus folder, e.g. corpus/bundled)");
        }
        List<CorpusEntry> all;
        try (Stream<CorpusEntry> s = new ManifestDataset(m).entries()) {
            all = new ArrayList<>(s.toList());
        }
        all.sort(Comparator.comparing(CorpusEntry::id));
        List<CorpusEntry> chosen = roundRobin(all.stream()
                .filter(e -> split.equals("all") || e.split().label().equals(split)).toList(), maxUtterances);
        if (chosen.isEmpty()) {
            throw VoxtokException.userInput(m + ": no utterance in split '" + split + "'");
        }
        return new BenchCorpus(m, chosen, all);
    }

    /**
     * At most {@code max} items taken in turn from each speaker (speakers and their items in id order), so that a
     * small cut still has several speakers (the speaker probe and voice conversion need them); sorted by id.
     */
    static List<CorpusEntry> roundRobin(List<CorpusEntry> items, int max) {
        Map<String, java.util.ArrayDeque<CorpusEntry>> bySpeaker = new java.util.TreeMap<>();
        items.forEach(e -> bySpeaker.computeIfAbsent(e.speaker(), k -> new java.util.ArrayDeque<>()).add(e));
        List<CorpusEntry> out = new ArrayList<>();
        while (out.size() < max && bySpeaker.values().stream().anyMatch(q -> !q.isEmpty())) {
            for (java.util.ArrayDeque<CorpusEntry> q : bySpeaker.values()) {
                if (!q.isEmpty() && out.size() < max) {
                    out.add(q.poll());
                }
            }
        }
        out.sort(Comparator.comparing(CorpusEntry::id));
        return out;
    }

    /** The manifest file. */
    public Path manifest() {
        return manifest;
    }

    /** The chosen items. */
    public List<CorpusEntry> entries() {
        return entries;
    }

    /** The corpus' training items (for fitting k-means units), sorted by id. */
    public List<CorpusEntry> trainEntries() {
        return all.stream().filter(e -> e.split().label().equals("train")).toList();
    }

    /**
     * At most {@code max} items of a split of the whole corpus (not only the chosen ones), taken in turn from each
     * speaker like the chosen items, sorted by id.
     */
    public List<CorpusEntry> splitEntries(String split, int max) {
        return roundRobin(all.stream().filter(e -> e.split().label().equals(split)).toList(), max);
    }

    /** Phone alignments of the chosen items that have one, by id. */
    public Map<String, PhoneAlignment> alignments() {
        Map<String, PhoneAlignment> out = new LinkedHashMap<>();
        for (CorpusEntry e : entries) {
            e.alignment().ifPresent(a -> out.put(e.id(), a));
        }
        return out;
    }

    /** The chosen items as utterances with audio at {@code rate} Hz and {@code channels} channels. */
    public List<Utterance> utterances(int rate, int channels) {
        return load(entries, rate, channels);
    }

    /** {@code items} as utterances with audio at {@code rate} Hz and {@code channels} channels. */
    public static List<Utterance> load(List<CorpusEntry> items, int rate, int channels) {
        List<Utterance> out = new ArrayList<>();
        for (CorpusEntry e : items) {
            out.add(e.toUtterance(AudioReader.readAs(e.audioPath(), rate, channels)));
        }
        return out;
    }
}
