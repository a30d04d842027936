package io.voxtok.cli.tts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.VoxtokException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows of the multi-system table are added, replaced per system, and computed from the items. */
class TtsEvalSummaryTableTest {
    @TempDir
    Path dir;

    private static TtsEvalReport report(String lm, String hyp) {
        return report(lm, hyp, "top-k 0");
    }

    private static TtsEvalReport report(String lm, String hyp, String sampling) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("lm", lm);
        settings.put("lm_type", "uslm");
        settings.put("tokenizer", "speechtokenizer");
        settings.put("tokenizer_model", "speechtokenizer-small");
        settings.put("split", "test");
        settings.put("n", 1);
        settings.put("prompt_seconds", 3.0);
        settings.put("sampling", sampling);
        settings.put("speaker_encoder", "logmel-stats");
        TtsEvalResult r = new TtsEvalResult("u1", "s", "the cat sat", "u2", "p", 3.0, false, 0, "audio/u1.wav", 100,
                2.0, 2.5, 1.0, 0.2, hyp, "the cat sat", 0.5, 0.9, null, null);
        return TtsEvalReport.of(settings, List.of(r));
    }

    @Test
    void addsAndReplacesRowsPerSystem() throws Exception {
        Path t = dir.resolve("table.md");
        TtsEvalSummaryTable.update(t, report("a", "the cat"));
        TtsEvalSummaryTable.update(t, report("b", "the cat sat"));
        TtsEvalSummaryTable.update(t, report("a", "a cat sat"));
        TtsEvalSummaryTable.update(t, report("a", "the cat sat", "top-k 1"));
        List<String> rows = Files.readAllLines(t).stream().filter(l -> l.startsWith("| a ") || l.startsWith("| b ")).toList();
        assertEquals(3, rows.size(), rows.toString());
        assertTrue(rows.get(2).startsWith("| a (uslm)") && rows.get(2).contains("top-k 1"), rows.get(2));
        // system a: one substitution in three words; WER originals 0; speaker similarity 0.5 vs 0.9; RTF 1.2 / 2.0
        assertTrue(rows.get(0).startsWith("| a (uslm) + speechtokenizer speechtokenizer-small | 1 | 0 | 0.333 |"), rows.get(0));
        assertTrue(rows.get(0).contains("| 0.000 |") && rows.get(0).contains("| 0.500 | 0.900 | 2.00 | 0.60 |"), rows.get(0));
        assertTrue(rows.get(1).startsWith("| b (uslm) + speechtokenizer speechtokenizer-small | 1 | 0 | 0.000 |"), rows.get(1));
    }

    @Test
    void refusesAnotherFile() throws Exception {
        Path t = dir.resolve("other.md");
        Files.writeString(t, "# something else\n");
        assertThrows(VoxtokException.class, () -> TtsEvalSummaryTable.update(t, report("a", "x")));
    }
}
