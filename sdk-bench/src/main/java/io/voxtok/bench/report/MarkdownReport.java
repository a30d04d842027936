package io.voxtok.bench.report;

import io.voxtok.api.bench.Metric;
import io.voxtok.bench.run.BenchmarkOutcome;
import io.voxtok.bench.run.SubjectResult;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** {@code report.md}: the main table, then every subject's metrics. */
public final class MarkdownReport {
    private MarkdownReport() {
    }

    /** The Markdown text. */
    public static String render(TokenizerBenchReport r) {
        StringBuilder b = new StringBuilder("# SLMTokBench: tokenizer report\n\n");
        b.append(new TreeMap<>(r.settings()).entrySet().stream().map(e -> "- " + e.getKey() + ": " + e.getValue())
                .reduce((x, y) -> x + "\n" + y).orElse("")).append("\n");
        b.append("- speaker similarity (SIM): cosine of ").append(r.speakerEncoder().description()).append("; ")
                .append(r.speakerEncoder().eerText()).append("\n");
        b.append("- ASR for WER: ").append(r.transcriber()).append("\n\n");
        b.append(table(r)).append("\n");
        b.append(notes(r)).append("\n");
        for (SubjectResult s : r.results()) {
            b.append("## ").append(s.label()).append("\n\n").append(s.description()).append("\n\n");
            for (BenchmarkOutcome o : s.outcomeList()) {
                b.append("### ").append(o.benchmark()).append(": ").append(o.status())
                        .append(o.resumed() ? " (from an earlier run)" : "").append("\n\n");
                if (o.report().isEmpty() || o.report().get().metrics().isEmpty()) {
                    continue;
                }
                b.append("| metric | value | unit | parameters |\n|---|---|---|---|\n");
                for (Metric m : o.report().get().metrics()) {
                    b.append(String.format(Locale.ROOT, "| %s %s | %.4f | %s | %s |%n", m.name(),
                            m.higherIsBetter() ? "↑" : "↓", m.value(), m.unit(), params(m.parameters())));
                }
                b.append("\n");
            }
        }
        return b.toString();
    }

    /** The main table in Markdown. */
    public static String table(TokenizerBenchReport r) {
        StringBuilder b = new StringBuilder("| subject |");
        PaperTable.COLUMNS.forEach(c -> b.append(' ').append(c.title()).append(" |"));
        b.append("\n|---|").append("---|".repeat(PaperTable.COLUMNS.size())).append("\n");
        PaperTable.groundTruthWer(r.results()).ifPresent(w -> {
            b.append("| ground truth (original audio) |");
            for (PaperTable.Column c : PaperTable.COLUMNS) {
                String v = c.metric().equals("wer_resynth") ? String.format(Locale.ROOT, "%.2f", 100 * w)
                        : c.metric().equals("speaker_similarity") ? "1.000" : "";
                b.append(' ').append(v).append(" |");
            }
            b.append("\n");
        });
        for (SubjectResult s : r.results()) {
            b.append("| ").append(s.label()).append(" |");
            for (PaperTable.Column c : PaperTable.COLUMNS) {
                b.append(' ').append(PaperTable.cell(s, c).text(c.percent())).append(" |");
            }
            b.append("\n");
        }
        return b.toString();
    }

    /** What the columns mean, with the speaker encoder's EER and the probe's input combination of this report. */
    public static String notes(TokenizerBenchReport r) {
        StringBuilder b = new StringBuilder(notes());
        b.append("\nSIM columns (IP and VC): ").append(r.speakerEncoder().eerText()).append(" — ")
                .append(r.speakerEncoder().description()).append(".\n");
        for (SubjectResult s : r.results()) {
            if (s.label().startsWith("units:")) {
                b.append("\n`").append(s.label()).append("`: ").append(s.description()).append(".\n");
            }
        }
        Map<String, String> input = TokenizerBenchReport.textAlignmentInput(r.results());
        if (!input.isEmpty()) {
            b.append("\nText-alignment probe input: ");
            b.append(input.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                    .reduce((x, y) -> x + "; " + y).orElse("")).append(".\n");
        }
        return b.toString();
    }

    /** What the columns mean (independent of a report). */
    public static String notes() {
        return "WER in %. MI: vCLUB estimate in nats per utterance with log q(y|x) = -CTC of the BiLSTM-CTC probe;"
                + " WER probe: the probe's greedy-decoding WER on the test utterances. \"not run\": no benchmark of that name is installed (MI and probe WER come from the"
                + " `text-alignment` benchmark); \"n/a\": the benchmark does not apply to the subject (units cannot be"
                + " decoded; voice conversion needs content and voice layers). PNMI RVQ-2..: mean of the per-layer PNMI"
                + " of layers 2..n. usage: fraction of codes used; spk probe: speaker-classifier accuracy on bags of"
                + " units. VC: RVQ-1 of A + RVQ-2.. of B, similarity of the conversion to A and to B, WER against A's"
                + " text.\n";
    }

    private static String params(Map<String, String> p) {
        return new TreeMap<>(p).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .reduce((x, y) -> x + ", " + y).orElse("").replace("|", "/");
    }
}
