package io.voxtok.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.bench.Metric;
import io.voxtok.modelio.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The result of {@link ResynthesisEvaluator}: per-file metrics, corpus-level summary and provenance. Writes
 * itself as JSON and as a Markdown table, each atomically (temporary file, then rename).
 *
 * @param files      per-file results in name order (copied)
 * @param summary    one value per metric over all files (copied)
 * @param provenance how the run was made (copied)
 */
public record EvaluationReport(List<FileResult> files, List<Metric> summary, Map<String, String> provenance) {
    /**
     * Metrics of one reference/hypothesis pair.
     *
     * @param name    the file's path relative to the reference folder, without extension
     * @param metrics its values (copied)
     */
    public record FileResult(String name, List<Metric> metrics) {
        /** Copies. */
        public FileResult {
            metrics = List.copyOf(metrics);
        }
    }

    /** Copies. */
    public EvaluationReport {
        files = List.copyOf(files);
        summary = List.copyOf(summary);
        provenance = Map.copyOf(provenance);
    }

    /** The JSON document: {@code provenance}, {@code summary}, {@code files}. */
    public String toJson() {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = m.createObjectNode();
        ObjectNode prov = root.putObject("provenance");
        new TreeMap<>(provenance).forEach(prov::put);
        ArrayNode sum = root.putArray("summary");
        summary.forEach(x -> sum.add(metricNode(m, x)));
        ArrayNode fs = root.putArray("files");
        for (FileResult f : files) {
            ObjectNode o = fs.addObject();
            o.put("name", f.name());
            ObjectNode vals = o.putObject("metrics");
            f.metrics().forEach(x -> vals.put(x.name(), x.value()));
        }
        try {
            return m.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new VoxtokException(ErrorKind.INTERNAL, "cannot serialise evaluation report", e);
        }
    }

    private static ObjectNode metricNode(ObjectMapper m, Metric x) {
        ObjectNode o = m.createObjectNode();
        o.put("name", x.name());
        o.put("value", x.value());
        o.put("unit", x.unit());
        o.put("higher_is_better", x.higherIsBetter());
        o.put("version", x.version());
        ObjectNode p = o.putObject("parameters");
        new TreeMap<>(x.parameters()).forEach(p::put);
        return o;
    }

    /** A Markdown summary table followed by a per-file table. */
    public String toMarkdown() {
        StringBuilder b = new StringBuilder("# Resynthesis evaluation\n\n");
        b.append("| metric | value | unit | better | version |\n|---|---:|---|---|---|\n");
        for (Metric x : summary) {
            b.append(String.format(Locale.ROOT, "| %s | %.4f | %s | %s | %s |%n", x.name(), x.value(), x.unit(),
                    x.higherIsBetter() ? "higher" : "lower", x.version()));
        }
        List<String> names = new ArrayList<>();
        files.stream().flatMap(f -> f.metrics().stream()).map(Metric::name).distinct().forEach(names::add);
        b.append("\n| file | ").append(String.join(" | ", names)).append(" |\n|---|");
        b.append("---:|".repeat(names.size())).append('\n');
        for (FileResult f : files) {
            Map<String, Double> v = new LinkedHashMap<>();
            f.metrics().forEach(x -> v.put(x.name(), x.value()));
            b.append("| ").append(f.name());
            for (String n : names) {
                Double d = v.get(n);
                b.append(" | ").append(d == null ? "" : String.format(Locale.ROOT, "%.4f", d));
            }
            b.append(" |\n");
        }
        b.append("\nProvenance:\n\n");
        new TreeMap<>(provenance).forEach((k, val) -> b.append("- ").append(k).append(": ").append(val).append('\n'));
        return b.toString();
    }

    /** Writes {@link #toJson()} to {@code json} and {@link #toMarkdown()} to {@code markdown}, each atomically. */
    public void write(Path json, Path markdown) {
        AtomicFiles.writeString(json, toJson());
        AtomicFiles.writeString(markdown, toMarkdown());
    }
}
