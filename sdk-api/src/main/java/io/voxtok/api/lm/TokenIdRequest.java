package io.voxtok.api.lm;

import io.voxtok.api.token.TokenMatrix;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What to generate, from text already turned into token ids by a text front-end (for USLM/VALL-E the ids of
 * {@code <bos> prompt-transcript target-text <eos>} from the model's phoneme vocabulary). The counterpart of
 * {@link GenerationRequest} for callers that run the front-end themselves. Immutable: the ids are copied in and out.
 *
 * @param textIds          text token ids of prompt transcript and target text, in order
 * @param promptTokens     tokens of the acoustic prompt (all layers, one item), if any
 * @param promptTextLength how many leading ids belong to the prompt transcript (the official {@code enroll_x_lens}),
 *                         if known
 * @param sampling         sampling settings
 * @param seed             random seed; equal seeds give equal output
 */
public record TokenIdRequest(long[] textIds, Optional<TokenMatrix> promptTokens, OptionalInt promptTextLength,
                             SamplingParams sampling, long seed) {
    /** Validates and copies. */
    public TokenIdRequest {
        Objects.requireNonNull(textIds, "textIds");
        Objects.requireNonNull(sampling, "sampling");
        promptTokens = promptTokens == null ? Optional.empty() : promptTokens;
        promptTextLength = promptTextLength == null ? OptionalInt.empty() : promptTextLength;
        if (textIds.length == 0) {
            throw new IllegalArgumentException("text ids are empty");
        }
        if (promptTextLength.isPresent()
                && (promptTextLength.getAsInt() < 0 || promptTextLength.getAsInt() > textIds.length)) {
            throw new IllegalArgumentException("prompt text length " + promptTextLength.getAsInt() + " outside [0, "
                    + textIds.length + "]");
        }
        if (promptTokens.isPresent() && promptTokens.get().batchSize() != 1) {
            throw new IllegalArgumentException("the prompt must hold one item, got " + promptTokens.get().batchSize());
        }
        textIds = textIds.clone();
    }

    /** A copy of the text ids. */
    @Override
    public long[] textIds() {
        return textIds.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenIdRequest r && java.util.Arrays.equals(r.textIds, textIds)
                && r.promptTokens.equals(promptTokens) && r.promptTextLength.equals(promptTextLength)
                && r.sampling.equals(sampling) && r.seed == seed;
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(textIds) * 31 + Objects.hash(promptTokens, promptTextLength, sampling, seed);
    }

    @Override
    public String toString() {
        return "TokenIdRequest[" + textIds.length + " text ids, prompt " + promptTokens.map(TokenMatrix::toString)
                .orElse("none") + ", " + sampling + ", seed " + seed + "]";
    }
}
