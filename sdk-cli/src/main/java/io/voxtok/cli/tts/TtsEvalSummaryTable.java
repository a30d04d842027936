package io.voxtok.cli.tts;

import io.voxtok.api.VoxtokException;
import io.voxtok.modelio.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Markdown table with one row per evaluated system (language model + tokenizer model) and settings, so that
 * evaluations run one after the other end up side by side: a row is added, or replaced when the same system was
 * evaluated with the same settings before.
 * Written atomically.
 */
public final class TtsEvalSummaryTable {
    static final String TITLE = "# Zero-shot TTS evaluation (voxtok lm eval-tts)";
    static final String HEADER = "| system | items | failed | WER | CER | WER originals | CER originals "
            + "| speaker sim. (prompt, generated) | speaker sim. (prompt, original) | mean generated s | RTF | settings |";
    static final String RULE = "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|";

    private TtsEvalSummaryTable() {
    }

    /**
     * Adds or replaces {@code report}'s row in {@code file}.
     *
     * @throws VoxtokException when the file exists but is not such a table
     */
    public static void update(Path file, TtsEvalReport report) {
        Map<String, String> rows = new LinkedHashMap<>();
        if (Files.isRegularFile(file)) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file);
            } catch (IOException e) {
                throw VoxtokException.userInput(file + ": cannot read: " + e.getMessage());
            }
            int h = lines.indexOf(HEADER);
            if (h < 0) {
                throw VoxtokException.userInput(file + " is not a table written by voxtok lm eval-tts (header not found)");
            }
            for (int i = h + 2; i < lines.size() && lines.get(i).startsWith("| "); i++) {
                rows.put(key(lines.get(i)), lines.get(i));
            }
        }
        String row = row(report);
        rows.put(key(row), row);
        StringBuilder b = new StringBuilder(TITLE).append("\n\n").append(HEADER).append('\n').append(RULE).append('\n');
        rows.values().forEach(r -> b.append(r).append('\n'));
        b.append("\nWER/CER: Vosk vosk-model-small-en-us on the generated speech against the text (originals: on the "
                + "original recordings of the same texts, the recogniser's floor). Speaker similarity: cosine of "
                + "speaker-encoder embeddings. Each system's report.json holds every item.\n");
        AtomicFiles.writeString(file, b.toString());
    }

    /** A row's identity: its system and its settings (the first and the last cell). */
    private static String key(String row) {
        String[] cells = row.split("(?<!\\\\)\\|", -1);
        return cells.length > 2 ? cells[1].trim() + " / " + cells[cells.length - 2].trim() : row;
    }

    static String row(TtsEvalReport r) {
        Map<String, Object> s = r.summary();
        Map<String, Object> st = r.settings();
        List<String> cells = new ArrayList<>();
        cells.add(st.get("lm") + " (" + st.get("lm_type") + ") + " + st.get("tokenizer") + " " + st.get("tokenizer_model"));
        cells.add(String.valueOf(s.get("items")));
        cells.add(String.valueOf(s.get("failed")));
        for (String k : List.of("wer", "cer", "wer_original", "cer_original")) {
            cells.add(s.get(k) instanceof Number n ? String.format(Locale.ROOT, "%.3f", n.doubleValue()) : "-");
        }
        cells.add(TtsEvalReport.similarityCell(s));
        cells.add(s.get("speaker_similarity_original") instanceof Number n
                ? String.format(Locale.ROOT, "%.3f", n.doubleValue()) : "-");
        for (String k : List.of("mean_generated_seconds", "real_time_factor")) {
            cells.add(s.get(k) instanceof Number n ? String.format(Locale.ROOT, "%.2f", n.doubleValue()) : "-");
        }
        cells.add(st.get("split") + ", n " + st.get("n") + ", prompt " + st.get("prompt_seconds") + " s, "
                + st.get("sampling") + ", speaker encoder " + st.get("speaker_encoder"));
        return "| " + String.join(" | ", cells.stream().map(c -> c.replace("|", "\\|")).toList()) + " |";
    }
}
