package io.voxtok.api.lm;

/**
 * Which tokenizer a language model reads and writes and how its layers are split. Immutable.
 *
 * @param tokenizer   the tokenizer name whose tokens the model uses (e.g. {@code speechtokenizer})
 * @param arLayers    leading layers generated autoregressively (USLM: 1, RVQ-1)
 * @param narLayers   following layers generated non-autoregressively (USLM: 7, RVQ-2..8)
 */
public record LanguageModelSpec(String tokenizer, int arLayers, int narLayers) {
}
