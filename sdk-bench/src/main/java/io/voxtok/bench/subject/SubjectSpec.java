package io.voxtok.bench.subject;

import io.voxtok.api.token.LayerRange;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One benchmark subject as the user writes it on the command line:
 * <ul>
 *   <li>{@code NAME[:rvqA|:rvqA-B]}: a tokenizer by name ({@code mulaw}, {@code speechtokenizer:default}) or a
 *   model by name or path ({@code speechtokenizer-small}, {@code /ckpt/speechtokenizer_hubert_avg}), optionally
 *   restricted to RVQ layers A..B (1-based, inclusive); {@code TOKENIZER=MODEL} names both;</li>
 *   <li>{@code units:MODEL[@LAYER]}: k-means units of a teacher's hidden state {@code LAYER} (default: the
 *   model's {@code recommended_layer}, else {@code avg}).</li>
 * </ul>
 *
 * @param text     the subject as written (its label in the report)
 * @param units    whether these are k-means units of a teacher
 * @param name     tokenizer or model name/path, or {@code TOKENIZER=MODEL}; for units the teacher model
 * @param layers   the selected layers (0-based, half open), empty = all
 * @param teacherLayer for units: the hidden state, empty = the model's recommendation
 */
public record SubjectSpec(String text, boolean units, String name, Optional<LayerRange> layers,
                          Optional<String> teacherLayer) {
    private static final Pattern RVQ = Pattern.compile("(.+):rvq(\\d+)(?:-(\\d+))?");

    /**
     * Parses a subject.
     *
     * @throws IllegalArgumentException explaining the syntax when {@code text} does not follow it
     */
    public static SubjectSpec parse(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty --subject");
        }
        if (t.startsWith("units:")) {
            String rest = t.substring("units:".length());
            int at = rest.lastIndexOf('@');
            String model = at < 0 ? rest : rest.substring(0, at);
            if (model.isEmpty()) {
                throw new IllegalArgumentException("--subject " + text + ": write units:MODEL[@LAYER]");
            }
            return new SubjectSpec(t, true, model, Optional.empty(),
                    at < 0 ? Optional.empty() : Optional.of(rest.substring(at + 1)));
        }
        Matcher m = RVQ.matcher(t);
        if (m.matches()) {
            int a = Integer.parseInt(m.group(2));
            int b = m.group(3) == null ? a : Integer.parseInt(m.group(3));
            if (a < 1 || b < a) {
                throw new IllegalArgumentException("--subject " + text + ": layers rvqA-B need 1 <= A <= B");
            }
            return new SubjectSpec(t, false, m.group(1), Optional.of(LayerRange.of(a - 1, b)), Optional.empty());
        }
        return new SubjectSpec(t, false, t, Optional.empty(), Optional.empty());
    }

    /** A file-name-safe form of the label, for cache and result folders. */
    public String slug() {
        return text.replaceAll("[^A-Za-z0-9._-]+", "_");
    }
}
