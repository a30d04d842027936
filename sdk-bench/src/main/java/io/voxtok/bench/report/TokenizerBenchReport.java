package io.voxtok.bench.report;

import io.voxtok.api.bench.Metric;
import io.voxtok.bench.run.BenchmarkOutcome;
import io.voxtok.bench.run.ReportCodec;
import io.voxtok.bench.run.SubjectResult;
import io.voxtok.bench.speaker.SpeakerEncoderSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The results of a {@code bench tokenizers} run and their JSON form ({@code report.json}). Fields: {@code schema},
 * {@code settings}, {@code speaker_encoder} (description and EER on the benchmark utterances), {@code transcriber}, {@code benchmarks} (name to plugin),
 * {@code table} ({@code columns}, {@code rows}, {@code ground_truth_wer}) and {@code subjects} (each with its
 * spec and every benchmark's status and metrics).
 *
 * @param results         per subject
 * @param settings        the run's settings as shown in the report
 * @param benchmarks      benchmark name to "plugin: description"
 * @param speakerEncoder  the speaker encoder behind the SIM numbers and its EER
 * @param transcriber     the recogniser, or "none"
 */
public record TokenizerBenchReport(List<SubjectResult> results, Map<String, Object> settings,
                                   Map<String, String> benchmarks, SpeakerEncoderSummary speakerEncoder,
                                   String transcriber) {
    /** Schema id of {@code report.json}. */
    public static final String SCHEMA = "voxtok.bench.tokenizers.report/2";

    /** Copies. */
    public TokenizerBenchReport {
        results = List.copyOf(results);
        settings = Map.copyOf(settings);
        benchmarks = Map.copyOf(benchmarks);
    }

    /** The JSON-ready form. */
    public Map<String, Object> toJson() {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("schema", SCHEMA);
        j.put("settings", new TreeMap<>(settings));
        j.put("speaker_encoder", speakerEncoder.toJson());
        j.put("transcriber", transcriber);
        j.put("benchmarks", new TreeMap<>(benchmarks));
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("columns", PaperTable.COLUMNS.stream().map(PaperTable.Column::title).toList());
        table.put("rows", PaperTable.rows(results));
        table.put("ground_truth_wer", PaperTable.groundTruthWer(results).orElse(null));
        table.put("speaker_encoder_eer", speakerEncoder.eer().orElse(null));
        table.put("text_alignment_input", textAlignmentInput(results));
        j.put("table", table);
        List<Map<String, Object>> subjects = new ArrayList<>();
        for (SubjectResult r : results) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("subject", r.label());
            s.put("description", r.description());
            s.put("fingerprint", r.fingerprint());
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("sample_rate", r.spec().sampleRate());
            spec.put("hop_length", r.spec().hopLength());
            spec.put("layers", r.spec().numLayers());
            spec.put("codebook_size", r.spec().codebookSize());
            spec.put("semantic_layers", r.spec().semanticLayers());
            s.put("spec", spec);
            Map<String, Object> bs = new LinkedHashMap<>();
            for (BenchmarkOutcome o : r.outcomeList()) {
                Map<String, Object> b = new LinkedHashMap<>();
                b.put("status", o.status());
                b.put("resumed", o.resumed());
                b.put("seconds", o.seconds());
                b.put("report", o.report().map(ReportCodec::toMap).orElse(null));
                bs.put(o.benchmark(), b);
            }
            s.put("benchmarks", bs);
            subjects.add(s);
        }
        j.put("subjects", subjects);
        return j;
    }

    /**
     * How the text-alignment probe combined several token layers, per subject that ran it (from the benchmark's
     * provenance {@code input_combination}).
     */
    public static Map<String, String> textAlignmentInput(List<SubjectResult> results) {
        Map<String, String> out = new LinkedHashMap<>();
        for (SubjectResult r : results) {
            BenchmarkOutcome o = r.outcomes().get(PaperTable.TEXT_ALIGNMENT);
            if (o != null && o.report().isPresent()) {
                String c = o.report().get().provenance().get("input_combination");
                if (c != null) {
                    out.put(r.label(), c);
                }
            }
        }
        return out;
    }

    /** Per-epoch metrics (a metric with an {@code epoch} parameter) of a subject: metric name to (epoch, value). */
    public static Map<String, List<double[]>> curves(SubjectResult r) {
        Map<String, List<double[]>> out = new TreeMap<>();
        for (BenchmarkOutcome o : r.outcomeList()) {
            if (o.report().isEmpty()) {
                continue;
            }
            for (Metric m : o.report().get().metrics()) {
                String e = m.parameters().get("epoch");
                if (e != null) {
                    try {
                        out.computeIfAbsent(o.benchmark() + "/" + m.name(), k -> new ArrayList<>())
                                .add(new double[] {Double.parseDouble(e), m.value()});
                    } catch (NumberFormatException ex) {
                        // a non-numeric epoch is not a curve point
                    }
                }
            }
        }
        return out;
    }
}
