package io.voxtok.api.lm;

import io.voxtok.api.token.TokenMatrix;
import java.util.Objects;
import java.util.Optional;

/**
 * What to generate: the text to speak and an optional acoustic prompt (its transcript and tokens), as in
 * zero-shot TTS from a 3 s prompt. Immutable.
 *
 * @param text        text to synthesise
 * @param promptText  transcript of the prompt audio, if a prompt is given
 * @param promptTokens tokens of the prompt audio (all layers), if a prompt is given
 * @param sampling    sampling settings
 * @param seed        random seed; equal seeds give equal output
 */
public record GenerationRequest(String text, Optional<String> promptText, Optional<TokenMatrix> promptTokens,
                                SamplingParams sampling, long seed) {
    /** Validates. */
    public GenerationRequest {
        Objects.requireNonNull(text);
        Objects.requireNonNull(sampling);
        promptText = promptText == null ? Optional.empty() : promptText;
        promptTokens = promptTokens == null ? Optional.empty() : promptTokens;
        if (promptText.isPresent() != promptTokens.isPresent()) {
            throw new IllegalArgumentException("a prompt needs both its transcript and its tokens");
        }
    }
}
