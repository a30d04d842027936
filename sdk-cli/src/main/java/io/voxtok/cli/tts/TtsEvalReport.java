package io.voxtok.cli.tts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.voxtok.api.bench.Metric;
import io.voxtok.metrics.ErrorRate;
import io.voxtok.modelio.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The summary of a zero-shot TTS evaluation: corpus WER/CER of the recogniser on the generated speech and on the
 * original recordings of the same texts (the recogniser's floor), the mean speaker similarity of generated speech to
 * its prompt next to that of the original recording to the same prompt, speed, and failures. Written as
 * {@code report.json} (settings, summary, every item) and {@code report.md}, each atomically.
 *
 * @param settings the evaluation settings
 * @param summary  the aggregated numbers
 * @param items    every item
 */
public record TtsEvalReport(Map<String, Object> settings, Map<String, Object> summary, List<TtsEvalResult> items) {
    /** Aggregates the items. */
    public static TtsEvalReport of(Map<String, Object> settings, List<TtsEvalResult> items) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("items", items.size());
        long failed = items.stream().filter(r -> r.error() != null).count();
        s.put("failed", failed);
        boolean asr = items.stream().anyMatch(r -> r.originalHypothesis() != null);
        if (asr) {
            ErrorRate gen = new ErrorRate();
            ErrorRate orig = new ErrorRate();
            for (TtsEvalResult r : items) {
                gen.add(r.text(), r.hypothesis() == null ? "" : r.hypothesis());
                if (r.originalHypothesis() != null) {
                    orig.add(r.text(), r.originalHypothesis());
                }
            }
            put(s, "wer", gen.wer());
            put(s, "cer", gen.cer());
            put(s, "wer_original", orig.wer());
            put(s, "cer_original", orig.cer());
        }
        s.put("speaker_similarity", mean(items.stream().map(TtsEvalResult::similarity).toList()));
        s.put("speaker_similarity_items", items.stream().filter(r -> r.similarity() != null).count());
        s.put("speaker_similarity_original", mean(items.stream().map(TtsEvalResult::originalSimilarity).toList()));
        List<TtsEvalResult> ok = items.stream().filter(r -> r.error() == null).toList();
        double audio = ok.stream().mapToDouble(TtsEvalResult::audioSeconds).sum();
        double time = ok.stream().mapToDouble(r -> r.generateSeconds() + r.decodeSeconds()).sum();
        s.put("mean_generated_seconds", ok.isEmpty() ? null : audio / ok.size());
        s.put("mean_original_seconds", ok.isEmpty() ? null
                : ok.stream().mapToDouble(TtsEvalResult::originalSeconds).sum() / ok.size());
        s.put("real_time_factor", audio > 0 ? time / audio : null);
        s.put("prompts_cut_in_speech", items.stream().filter(TtsEvalResult::promptCutInSpeech).count());
        return new TtsEvalReport(settings, s, List.copyOf(items));
    }

    private static void put(Map<String, Object> s, String key, Metric m) {
        s.put(key, m.value());
    }

    private static Double mean(List<Double> values) {
        List<Double> v = new ArrayList<>();
        for (Double d : values) {
            if (d != null) {
                v.add(d);
            }
        }
        return v.isEmpty() ? null : v.stream().mapToDouble(Double::doubleValue).sum() / v.size();
    }

    /** Writes {@code report.json} and {@code report.md} into {@code dir}. */
    public void write(Path dir) {
        try {
            AtomicFiles.writeString(dir.resolve("report.json"),
                    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(this));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AtomicFiles.writeString(dir.resolve("report.md"), toMarkdown());
    }

    /** The Markdown report: one summary row, then one row per item. */
    public String toMarkdown() {
        StringBuilder b = new StringBuilder("# Zero-shot TTS evaluation\n\n");
        b.append(String.format(Locale.ROOT, "Language model `%s` (%s), tokenizer `%s` (`%s`), corpus `%s`, split %s, "
                        + "prompts of %s s from other utterances of the same speaker, sampling %s, speaker encoder `%s`, "
                        + "recogniser %s.%n%n", settings.get("lm"), settings.get("lm_type"), settings.get("tokenizer"),
                settings.get("tokenizer_model"), settings.get("corpus"), settings.get("split"),
                settings.get("prompt_seconds"), settings.get("sampling"), settings.get("speaker_encoder"),
                settings.get("asr")));
        b.append("| items | failed | WER | CER | WER originals | CER originals | speaker sim. (prompt, generated) "
                + "| speaker sim. (prompt, original) | mean generated s | mean original s | RTF |\n");
        b.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                summary.get("items"), summary.get("failed"), f(summary.get("wer")), f(summary.get("cer")),
                f(summary.get("wer_original")), f(summary.get("cer_original")), similarityCell(summary),
                f(summary.get("speaker_similarity_original")), f2(summary.get("mean_generated_seconds")),
                f2(summary.get("mean_original_seconds")), f2(summary.get("real_time_factor"))));
        b.append("\n| id | prompt | generated s | speaker sim. | text | recognised |\n|---|---|---:|---:|---|---|\n");
        for (TtsEvalResult r : items) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", r.id(), r.promptId(),
                    r.error() != null ? "failed" : f2(r.audioSeconds()), f(r.similarity()), cell(r.text()),
                    r.error() != null ? cell("error: " + r.error()) : cell(r.hypothesis() == null ? "-" : r.hypothesis())));
        }
        return b.toString();
    }

    /** The mean similarity, with the count of items it covers when some were not measured. */
    static String similarityCell(Map<String, Object> summary) {
        String v = f(summary.get("speaker_similarity"));
        Object k = summary.get("speaker_similarity_items");
        Object n = summary.get("items");
        if (k instanceof Number kn && n instanceof Number nn && kn.longValue() < nn.longValue()
                && summary.get("speaker_similarity") != null) {
            v += " (" + kn.longValue() + " of " + nn.longValue() + ")";
        }
        return v;
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    private static String f(Object v) {
        return v instanceof Number n ? String.format(Locale.ROOT, "%.3f", n.doubleValue()) : "-";
    }

    private static String f2(Object v) {
        return v instanceof Number n ? String.format(Locale.ROOT, "%.2f", n.doubleValue()) : "-";
    }
}
