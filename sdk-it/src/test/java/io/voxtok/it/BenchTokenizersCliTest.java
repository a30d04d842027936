package io.voxtok.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.modelio.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code voxtok bench tokenizers} on a few utterances of the bundled corpus with the mu-law sample and the shipped
 * SpeechTokenizer, with the sample metric plugin installed: the report files exist, the table has both subjects, the
 * third-party benchmark ran, and a second run resumes from the first one's results and tokens.
 */
class BenchTokenizersCliTest {
    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void writesTheReportAndResumes() throws Exception {
        Path out = dir.resolve("report");
        String[] args = {"bench", "tokenizers", "--subject", "mulaw", "--subject", "speechtokenizer-small:rvq1-8",
            "--corpus", Cli.root().resolve("corpus/bundled").toString(), "--split", "test", "--max-utterances", "4",
            "--no-asr", "--tsne-points", "40", "--probe-train", "8", "--probe-dev", "4", "-B",
            "text-alignment.epochs=2", "-o", out.toString()};
        Cli r = Cli.run(args);
        assertEquals(0, r.code(), r.err() + r.out());
        for (String f : List.of("report.json", "report.md", "report.html", "manifest.json")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        Map<String, Object> json = Json.readObject(out.resolve("report.json"));
        List<Map<String, Object>> rows = (List<Map<String, Object>>) ((Map<String, Object>) json.get("table")).get("rows");
        assertEquals(List.of("mulaw", "speechtokenizer-small:rvq1-8"), rows.stream().map(x -> x.get("subject")).toList());
        // RVQ-1 of the SpeechTokenizer carries phones: PNMI well above 0; voice conversion applies to it only.
        assertTrue(((Number) rows.get(1).get("PNMI RVQ-1 ↑")).doubleValue() > 0.05, rows.toString());
        assertTrue(rows.get(1).get("VC SIM→B") instanceof Number, rows.toString());
        assertEquals("n/a", rows.get(0).get("VC SIM→B"));
        // text alignment: sample-rate mu-law tokens are out of the probe's range; the codec gets MI and probe WER
        assertEquals("n/a", rows.get(0).get("MI (TA) ↑"));
        assertTrue(rows.get(1).get("MI (TA) ↑") instanceof Number, rows.toString());
        assertTrue(rows.get(1).get("WER probe (TA) ↓") instanceof Number, rows.toString());
        // speaker similarity through the shipped SPI speaker encoder, its EER reported next to SIM
        Map<String, Object> encoder = (Map<String, Object>) json.get("speaker_encoder");
        assertTrue(String.valueOf(encoder.get("description")).contains("speaker-encoder"), encoder.toString());
        assertTrue(encoder.get("eer") instanceof Number, encoder.toString());
        assertTrue(rows.get(1).get("SIM resynth (IP) ↑") instanceof Number, rows.toString());
        assertTrue(Files.isRegularFile(out.resolve("plots/speechtokenizer-small-rvq1-8-probe-curve.png")));
        assertTrue(Files.isRegularFile(out.resolve("plots/probe-dev-loss.png")));
        Map<String, Object> benchmarks = (Map<String, Object>) json.get("benchmarks");
        assertTrue(benchmarks.containsKey("token-entropy-rate"), "sample metric plugin missing: " + benchmarks);
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("entropy_rate"), md);
        assertTrue(md.contains("SIM columns (IP and VC): EER"), md);
        assertTrue(md.contains("speechtokenizer-small:rvq1-8: sum of one embedding per layer (8 layers)"), md);
        String html = Files.readString(out.resolve("report.html"));
        assertFalse(html.contains("://"));
        Map<String, Object> manifest = Json.readObject(out.resolve("manifest.json"));
        assertTrue(((Map<String, Object>) manifest.get("corpus_files")).size() == 5, "manifest + 4 audio files");
        assertTrue(((Map<String, Object>) manifest.get("versions")).containsKey("pytorch"));

        Cli again = Cli.run(args);
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("done in an earlier run"), again.out());
        assertTrue(again.out().contains("4 reused, 0 computed"), again.out());
        Map<String, Object> json2 = Json.readObject(out.resolve("report.json"));
        assertEquals(json.get("table"), json2.get("table"), "a resumed run gives the same table");
    }
}
