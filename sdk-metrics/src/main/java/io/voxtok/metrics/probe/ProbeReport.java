package io.voxtok.metrics.probe;

import io.voxtok.modelio.AtomicFiles;
import io.voxtok.modelio.Json;
import java.nio.file.Path;
import java.util.Map;

/**
 * A measurement report in its two forms: a JSON-ready map and Markdown for people.
 *
 * @param json     the report as a JSON-ready map
 * @param markdown the report as Markdown
 */
public record ProbeReport(Map<String, Object> json, String markdown) {
    /** Writes {@code report.json} and {@code report.md} into {@code dir}, each atomically. */
    public void write(Path dir) {
        AtomicFiles.writeString(dir.resolve("report.json"), Json.write(json));
        AtomicFiles.writeString(dir.resolve("report.md"), markdown);
    }
}
