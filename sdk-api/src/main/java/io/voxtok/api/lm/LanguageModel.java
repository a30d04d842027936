package io.voxtok.api.lm;

import io.voxtok.api.Component;
import io.voxtok.api.token.TokenMatrix;

/**
 * A token language model (USLM, VALL-E): text (and an optional prompt) to tokens, which the matching
 * tokenizer decodes. Not required to be thread-safe; one generation at a time per instance.
 */
public interface LanguageModel extends Component {
    /** Tokenizer and layer split. */
    LanguageModelSpec spec();

    /** Generates tokens for the request; the result has {@code arLayers + narLayers} layers. */
    TokenMatrix generate(GenerationRequest request);
}
