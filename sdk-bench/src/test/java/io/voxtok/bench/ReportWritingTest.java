package io.voxtok.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.bench.BenchmarkReport;
import io.voxtok.api.bench.Metric;
import io.voxtok.api.token.TokenizerSpec;
import io.voxtok.bench.report.ReportFiles;
import io.voxtok.bench.report.SubjectFigures;
import io.voxtok.bench.report.TokenizerBenchReport;
import io.voxtok.bench.run.BenchmarkOutcome;
import io.voxtok.bench.run.SubjectResult;
import io.voxtok.bench.speaker.SpeakerEncoderSummary;
import io.voxtok.modelio.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWritingTest {
    @TempDir
    Path dir;

    private static SubjectResult subject() {
        BenchmarkReport stats = new BenchmarkReport("token-statistics", "fake", List.of(
                new Metric("pnmi", 0.42, "fraction", true, "1", Map.of("layer", "1")),
                new Metric("bitrate", 500, "bit/s", false, "1", Map.of())), Map.of());
        BenchmarkReport ip = new BenchmarkReport("information-preservation", "fake", List.of(
                new Metric("wer_resynth", 0.25, "fraction", false, "1", Map.of()),
                new Metric("wer_original", 0.05, "fraction", false, "1", Map.of()),
                new Metric("speaker_similarity", 0.9, "cosine", true, "1", Map.of())), Map.of());
        BenchmarkReport curve = new BenchmarkReport("text-alignment", "fake", List.of(
                new Metric("probe_train_loss", 3.0, "nats", false, "1", Map.of("epoch", "1")),
                new Metric("probe_train_loss", 2.0, "nats", false, "1", Map.of("epoch", "2")),
                new Metric("probe_dev_loss", 3.5, "nats", false, "1", Map.of("epoch", "1")),
                new Metric("probe_dev_loss", 2.5, "nats", false, "1", Map.of("epoch", "2"))),
                Map.of("input_combination", "sum of one embedding per layer (2 layers)"));
        Map<String, BenchmarkOutcome> outcomes = new LinkedHashMap<>();
        outcomes.put("token-statistics", new BenchmarkOutcome("token-statistics", Optional.of(stats), "ok", false, 1));
        outcomes.put("information-preservation", new BenchmarkOutcome("information-preservation", Optional.of(ip),
                "ok", false, 1));
        outcomes.put("voice-conversion", new BenchmarkOutcome("voice-conversion", Optional.empty(),
                "not applicable: one layer", false, 0));
        outcomes.put("text-alignment", new BenchmarkOutcome("text-alignment", Optional.of(curve), "ok", false, 1));
        double[][] xy = new double[12][2];
        for (int i = 0; i < xy.length; i++) {
            xy[i] = new double[] {i, i % 3};
        }
        List<String> labels = java.util.Collections.nCopies(12, "a");
        SubjectFigures f = new SubjectFigures(List.of(new long[] {5, 3, 0, 1}),
                Optional.of(new SubjectFigures.PhoneCodeMatrix(List.of("aa", "b"), new int[] {0, 1},
                        new double[][] {{0.9, 0.1}, {0.2, 0.8}})),
                List.of(new SubjectFigures.TsneMap("RVQ-1", xy, labels, labels)));
        return new SubjectResult("fake:rvq1", "a fake", "abc", new TokenizerSpec(100, 1, 10, 1, 4, 1, true, false),
                outcomes, f, Map.of(), Map.of("reused", 0));
    }

    @Test
    @SuppressWarnings("unchecked")
    void writesJsonWithTheSchemaFieldsAndASelfContainedHtmlPage() throws Exception {
        TokenizerBenchReport r = new TokenizerBenchReport(List.of(subject()), Map.of("split", "test"),
                Map.of("token-statistics", "slmtokbench"), new SpeakerEncoderSummary("x-vector sha256 abc",
                        Optional.of(0.125), 12, 3, ""), "none");
        ReportFiles.write(dir, r, Map.of("schema", "m"));
        Map<String, Object> json = Json.readObject(dir.resolve("report.json"));
        assertEquals(TokenizerBenchReport.SCHEMA, json.get("schema"));
        Map<String, Object> table = (Map<String, Object>) json.get("table");
        List<String> columns = (List<String>) table.get("columns");
        assertTrue(columns.contains("MI (TA) ↑") && columns.contains("SIM resynth (IP) ↑"), columns.toString());
        Map<String, Object> row = ((List<Map<String, Object>>) table.get("rows")).get(0);
        assertEquals("fake:rvq1", row.get("subject"));
        assertEquals(0.42, ((Number) row.get("PNMI RVQ-1 ↑")).doubleValue(), 1e-12);
        assertEquals(0.25, ((Number) row.get("WER resynth (IP) ↓")).doubleValue(), 1e-12);
        assertEquals("n/a", row.get("VC SIM→A"));
        assertEquals("–", row.get("MI (TA) ↑"), "text-alignment ran but reported no MI");
        assertEquals(0.05, ((Number) table.get("ground_truth_wer")).doubleValue(), 1e-12);
        assertTrue(Files.isRegularFile(dir.resolve("manifest.json")));
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("| fake:rvq1 |"), md);
        assertTrue(md.contains("| ground truth (original audio) |  |  | 5.00 |"), md);
        // the speaker encoder's EER is stated next to the SIM numbers, in the Markdown and the JSON table
        assertTrue(md.contains("SIM columns (IP and VC): EER 12.5 % on the 12 benchmark utterances (3 speakers"), md);
        assertEquals(0.125, ((Number) table.get("speaker_encoder_eer")).doubleValue(), 1e-12);
        assertTrue(md.contains("Text-alignment probe input: fake:rvq1: sum of one embedding per layer (2 layers)"), md);
        // plots as PNG files: usage, heat map, two t-SNE maps, the probe curve and the cross-subject dev loss
        for (String png : List.of("fake-rvq1-usage.png", "fake-rvq1-phone-given-code.png",
                "fake-rvq1-tsne-rvq-1-speaker.png", "fake-rvq1-tsne-rvq-1-phone.png", "fake-rvq1-probe-curve.png",
                "probe-dev-loss.png")) {
            byte[] head = Files.readAllBytes(dir.resolve("plots").resolve(png));
            assertTrue(head.length > 100 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G', png);
        }

        String html = Files.readString(dir.resolve("report.html"));
        assertFalse(html.contains("://"), "the page must not reference any URL");
        assertFalse(html.contains("<script"), "no script");
        assertFalse(html.contains("<link"), "no external stylesheet");
        assertTrue(html.contains("<style>"));
        // usage, heat map, two t-SNE maps, learning curve
        int images = html.split("src=\"data:image/png;base64,", -1).length - 1;
        assertEquals(5, images, "embedded plots");
        assertFalse(html.contains("probe learning curves: not run"));
    }
}
