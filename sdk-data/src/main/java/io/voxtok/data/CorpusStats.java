package io.voxtok.data;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Size of a corpus per split: utterances, speakers, hours (from manifest durations; entries without a known
 * duration are counted in {@link SplitStats#unknownDuration}). Computed in one streaming pass.
 *
 * @param name    dataset name
 * @param splits  statistics per split (every split present, possibly empty)
 */
public record CorpusStats(String name, Map<Split, SplitStats> splits) {
    /**
     * Statistics of one split.
     *
     * @param utterances      number of entries
     * @param speakers        distinct speakers
     * @param hours           summed known durations in hours
     * @param unknownDuration entries whose duration is not in the metadata
     * @param distinctTexts   distinct transcripts
     */
    public record SplitStats(long utterances, int speakers, double hours, long unknownDuration, int distinctTexts) {
    }

    /** Copies. */
    public CorpusStats {
        splits = Map.copyOf(splits);
    }

    /** Computes statistics of {@code dataset} (closes the stream it opens). */
    public static CorpusStats of(SpeechDataset dataset) {
        try (Stream<CorpusEntry> s = dataset.entries()) {
            return of(dataset.name(), s);
        }
    }

    /** Computes statistics of a stream of entries. */
    public static CorpusStats of(String name, Stream<CorpusEntry> entries) {
        Map<Split, long[]> counts = new EnumMap<>(Split.class);
        Map<Split, double[]> seconds = new EnumMap<>(Split.class);
        Map<Split, Set<String>> speakers = new EnumMap<>(Split.class);
        Map<Split, Set<String>> texts = new EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            counts.put(s, new long[2]);
            seconds.put(s, new double[1]);
            speakers.put(s, new HashSet<>());
            texts.put(s, new HashSet<>());
        }
        entries.forEach(e -> {
            long[] c = counts.get(e.split());
            c[0]++;
            if (e.duration().isPresent()) {
                seconds.get(e.split())[0] += e.duration().getAsDouble();
            } else {
                c[1]++;
            }
            speakers.get(e.split()).add(e.speaker());
            texts.get(e.split()).add(e.text());
        });
        Map<Split, SplitStats> out = new EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            out.put(s, new SplitStats(counts.get(s)[0], speakers.get(s).size(), seconds.get(s)[0] / 3600.0,
                    counts.get(s)[1], texts.get(s).size()));
        }
        return new CorpusStats(name, out);
    }

    /** Total hours over all splits. */
    public double totalHours() {
        return splits.values().stream().mapToDouble(SplitStats::hours).sum();
    }

    /** Total utterances over all splits. */
    public long totalUtterances() {
        return splits.values().stream().mapToLong(SplitStats::utterances).sum();
    }

    /** A small Markdown table: split, utterances, speakers, hours, distinct texts. */
    public String toMarkdown() {
        StringBuilder b = new StringBuilder("| split | utterances | speakers | hours | distinct texts |\n");
        b.append("|---|---:|---:|---:|---:|\n");
        for (Split s : Split.values()) {
            SplitStats st = splits.get(s);
            b.append(String.format(java.util.Locale.ROOT, "| %s | %d | %d | %.3f | %d |%n", s.label(),
                    st.utterances(), st.speakers(), st.hours(), st.distinctTexts()));
        }
        return b.toString();
    }
}
