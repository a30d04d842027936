package io.voxtok.bench.report;

import io.voxtok.modelio.AtomicFiles;
import io.voxtok.modelio.Json;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes {@code report.json}, {@code report.md}, {@code report.html}, {@code manifest.json} and the plots as PNG
 * files ({@link PlotFiles}), each atomically.
 */
public final class ReportFiles {
    private ReportFiles() {
    }

    /** Writes the four files and {@code plots/} into {@code dir}. */
    public static void write(Path dir, TokenizerBenchReport report, Map<String, Object> manifest) {
        AtomicFiles.writeString(dir.resolve("report.json"), Json.write(report.toJson()));
        AtomicFiles.writeString(dir.resolve("report.md"), MarkdownReport.render(report));
        AtomicFiles.writeString(dir.resolve("report.html"), HtmlReport.render(report));
        AtomicFiles.writeString(dir.resolve("manifest.json"), Json.write(manifest));
        PlotFiles.write(dir, report);
    }
}
