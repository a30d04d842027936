package io.voxtok.bench.report;

import io.voxtok.api.bench.BenchmarkReport;
import io.voxtok.api.bench.Metric;
import io.voxtok.bench.run.BenchmarkOutcome;
import io.voxtok.bench.run.SubjectResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The report's main table in the paper's layout (SPEC 7.4; MI, probe WER, resynthesis WER, SIM) extended with
 * PNMI, usage and the voice conversion columns: one row per subject, plus a "ground truth" row (the recogniser's
 * WER on the original audio, SIM 1).
 *
 * <p>The text-alignment columns read a benchmark named {@value #TEXT_ALIGNMENT} with metrics {@value #MI} and
 * {@value #PROBE_WER}; until such a benchmark is installed they show "not run".
 */
public final class PaperTable {
    /** Name of the text-alignment benchmark whose metrics fill the MI and probe WER columns. */
    public static final String TEXT_ALIGNMENT = "text-alignment";
    /** Its mutual-information metric (vCLUB estimate). */
    public static final String MI = "mutual_information";
    /** Its downstream (BiLSTM-CTC probe) WER metric. */
    public static final String PROBE_WER = "probe_wer";

    /**
     * One column.
     *
     * @param title     header
     * @param benchmark benchmark that provides it
     * @param metric    metric name
     * @param paramKey  parameter that selects the metric among same-named ones (null = first)
     * @param paramValue its value (a prefix match on the value when it ends with {@code *})
     * @param percent   shown x100
     */
    public record Column(String title, String benchmark, String metric, String paramKey, String paramValue,
                         boolean percent) {
    }

    /** The columns, in order. */
    public static final List<Column> COLUMNS = List.of(
            new Column("MI (TA) ↑", TEXT_ALIGNMENT, MI, null, null, false),
            new Column("WER probe (TA) ↓", TEXT_ALIGNMENT, PROBE_WER, null, null, true),
            new Column("WER resynth (IP) ↓", "information-preservation", "wer_resynth", null, null, true),
            new Column("SIM resynth (IP) ↑", "information-preservation", "speaker_similarity", null, null, false),
            new Column("PNMI RVQ-1 ↑", "token-statistics", "pnmi", "layer", "1", false),
            new Column("PNMI RVQ-2.. (mean)", "token-statistics", "group_mean_pnmi", "first_layer", "2", false),
            new Column("usage RVQ-1", "token-statistics", "codebook_utilisation", "layer", "1", false),
            new Column("perplexity RVQ-1", "token-statistics", "codebook_perplexity", "layer", "1", false),
            new Column("spk probe RVQ-1", "token-statistics", "speaker_probe_accuracy", "first_layer", "1", false),
            new Column("spk probe RVQ-2..", "token-statistics", "speaker_probe_accuracy", "first_layer", "2", false),
            new Column("bitrate b/s", "token-statistics", "bitrate", null, null, false),
            new Column("VC SIM→A", "voice-conversion", "vc_similarity_to_source", null, null, false),
            new Column("VC SIM→B", "voice-conversion", "vc_similarity_to_reference", null, null, false),
            new Column("VC WER", "voice-conversion", "vc_wer", null, null, true));

    private PaperTable() {
    }

    /** A cell: a value, or why there is none. */
    public record Cell(Optional<Double> value, String note) {
        /** As table text. */
        public String text(boolean percent) {
            return value.map(v -> String.format(java.util.Locale.ROOT, percent ? "%.2f" : (Math.abs(v) >= 100
                    ? "%.0f" : "%.3f"), percent ? 100 * v : v)).orElse(note);
        }
    }

    /** The cell of {@code c} for a subject. */
    public static Cell cell(SubjectResult r, Column c) {
        BenchmarkOutcome o = r.outcomes().get(c.benchmark());
        if (o == null) {
            return new Cell(Optional.empty(), "not run");
        }
        if (o.report().isEmpty() || o.status().startsWith("not applicable")) {
            return new Cell(Optional.empty(), "n/a");
        }
        return find(o.report().get(), c).map(m -> new Cell(Optional.of(m.value()), ""))
                .orElse(new Cell(Optional.empty(), "–"));
    }

    /** The metric of a column in a report. */
    public static Optional<Metric> find(BenchmarkReport r, Column c) {
        for (Metric m : r.metrics()) {
            if (!m.name().equals(c.metric())) {
                continue;
            }
            if (c.paramKey() == null || c.paramValue().equals(m.parameters().get(c.paramKey()))) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** The ground-truth row: the recogniser's WER on the original audio, from any subject's preservation run. */
    public static Optional<Double> groundTruthWer(List<SubjectResult> results) {
        for (SubjectResult r : results) {
            BenchmarkOutcome o = r.outcomes().get("information-preservation");
            if (o != null && o.report().isPresent()) {
                for (Metric m : o.report().get().metrics()) {
                    if (m.name().equals("wer_original")) {
                        return Optional.of(m.value());
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The table as JSON-ready rows. */
    public static List<Map<String, Object>> rows(List<SubjectResult> results) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SubjectResult r : results) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("subject", r.label());
            for (Column c : COLUMNS) {
                Cell cell = cell(r, c);
                row.put(c.title(), cell.value().isPresent() ? (Object) cell.value().get() : cell.note());
            }
            rows.add(row);
        }
        return rows;
    }
}
