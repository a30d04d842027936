package io.voxtok.bench.report;

import io.voxtok.bench.plot.ChartImages;
import io.voxtok.bench.run.SubjectResult;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code report.html}: one self-contained page (inline CSS, plots as base64 PNG, no script and no external URL):
 * the main table, then per subject the codebook usage, the {@code p(phone | code)} heat map of RVQ-1, the t-SNE
 * maps of RVQ-1 and RVQ-2..n coloured by speaker and by phone (the paper's Fig. 4), and learning curves of any
 * benchmark that reports per-epoch metrics (the text-alignment probe).
 */
public final class HtmlReport {
    private static final String CSS = "body{font-family:system-ui,sans-serif;margin:2em;max-width:1400px;color:#222}"
            + "table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:4px 8px;"
            + "text-align:right}th{background:#f0f0f0}td:first-child,th:first-child{text-align:left}"
            + ".na{color:#999}.fig{display:inline-block;margin:4px;vertical-align:top}h2{border-bottom:1px solid #ddd}"
            + "code{background:#f5f5f5;padding:1px 3px}";

    private HtmlReport() {
    }

    /** The page. */
    public static String render(TokenizerBenchReport r) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>SLMTokBench tokenizer report</title><style>" + CSS + "</style></head><body>\n");
        b.append("<h1>SLMTokBench: tokenizer report</h1>\n<ul>");
        new TreeMap<>(r.settings()).forEach((k, v) -> b.append("<li>").append(esc(k)).append(": ")
                .append(esc(String.valueOf(v))).append("</li>"));
        b.append("<li>speaker similarity (SIM): cosine of ").append(esc(r.speakerEncoder().description()))
                .append("; <b>").append(esc(r.speakerEncoder().eerText())).append("</b></li>");
        b.append("<li>ASR for WER: ").append(esc(r.transcriber())).append("</li></ul>\n");
        b.append("<h2>Main table</h2>\n<table><tr><th>subject</th>");
        PaperTable.COLUMNS.forEach(c -> b.append("<th>").append(esc(c.title())).append("</th>"));
        b.append("</tr>\n");
        PaperTable.groundTruthWer(r.results()).ifPresent(w -> {
            b.append("<tr><td>ground truth (original audio)</td>");
            for (PaperTable.Column c : PaperTable.COLUMNS) {
                String v = c.metric().equals("wer_resynth") ? String.format(Locale.ROOT, "%.2f", 100 * w)
                        : c.metric().equals("speaker_similarity") ? "1.000" : "";
                b.append("<td>").append(v).append("</td>");
            }
            b.append("</tr>\n");
        });
        for (SubjectResult s : r.results()) {
            b.append("<tr><td>").append(esc(s.label())).append("</td>");
            for (PaperTable.Column c : PaperTable.COLUMNS) {
                PaperTable.Cell cell = PaperTable.cell(s, c);
                b.append(cell.value().isPresent() ? "<td>" : "<td class=\"na\">").append(esc(cell.text(c.percent())))
                        .append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</table>\n<p>").append(esc(MarkdownReport.notes(r))).append("</p>\n");
        b.append("<h2>Benchmarks</h2><ul>");
        new TreeMap<>(r.benchmarks()).forEach((k, v) -> b.append("<li><code>").append(esc(k)).append("</code> — ")
                .append(esc(v)).append("</li>"));
        if (!r.benchmarks().containsKey(PaperTable.TEXT_ALIGNMENT)) {
            b.append("<li><code>").append(PaperTable.TEXT_ALIGNMENT).append("</code> — not run (not installed): MI"
                    + " and probe WER columns and probe learning curves stay empty</li>");
        }
        b.append("</ul>\n");
        for (SubjectResult s : r.results()) {
            b.append("<h2>").append(esc(s.label())).append("</h2>\n<p>").append(esc(s.description()))
                    .append("</p>\n");
            SubjectFigures f = s.figures();
            fig(b, ChartImages.usage("codebook usage: " + s.label(), f.usage()), "codebook usage");
            f.heatmap().ifPresent(h -> fig(b, ChartImages.heatmap("p(phone | code), RVQ-1: " + s.label(), h),
                    "phone given code"));
            b.append("<br>\n");
            for (SubjectFigures.TsneMap m : f.tsne()) {
                fig(b, ChartImages.scatter(m.group() + " by speaker", m.xy(), m.speakers()), "t-SNE by speaker");
                fig(b, ChartImages.scatter(m.group() + " by phone", m.xy(), m.phones()), "t-SNE by phone");
            }
            if (!f.tsne().isEmpty()) {
                b.append("<p>t-SNE points: aligned phone segments (silence excluded), each the normalised histogram"
                        + " of its frames' codes per layer of the group.</p>\n");
            }
            Map<String, List<double[]>> curves = TokenizerBenchReport.curves(s);
            if (curves.isEmpty()) {
                b.append("<p class=\"na\">probe learning curves: not run</p>\n");
            } else {
                fig(b, ChartImages.curves("probe learning curves: " + s.label(), "epoch", "value", curves),
                        "learning curves");
            }
        }
        b.append("<h2>Markdown version and details</h2><p>See <code>report.md</code>, <code>report.json</code> and"
                + " <code>manifest.json</code> next to this page.</p>\n</body></html>\n");
        return b.toString();
    }

    private static void fig(StringBuilder b, byte[] png, String alt) {
        b.append("<div class=\"fig\"><img alt=\"").append(esc(alt)).append("\" src=\"data:image/png;base64,")
                .append(ChartImages.base64(png)).append("\"></div>\n");
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
