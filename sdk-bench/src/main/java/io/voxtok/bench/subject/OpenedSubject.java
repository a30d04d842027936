package io.voxtok.bench.subject;

import io.voxtok.api.token.Tokenizer;
import java.util.Map;

/**
 * A subject ready to run: its tokenizer (with the layer selection applied, not yet cached), what it is, and what
 * identifies its tokens (for the cache folder and the run manifest).
 *
 * @param spec        as the user wrote it
 * @param tokenizer   the tokenizer to benchmark
 * @param description tokenizer, model and layers in words
 * @param fingerprint hash of tokenizer id, weights and layers: tokens with the same fingerprint are the same
 * @param inputs      model files and their SHA-256 (copied)
 */
public record OpenedSubject(SubjectSpec spec, Tokenizer tokenizer, String description, String fingerprint,
                            Map<String, String> inputs) {
    /** Copies. */
    public OpenedSubject {
        inputs = Map.copyOf(inputs);
    }
}
