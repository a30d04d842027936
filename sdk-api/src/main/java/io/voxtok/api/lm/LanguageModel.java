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

    /**
     * Whether {@link #generateFromIds} is implemented. Models without their own text front-end (or whose callers
     * run it themselves) answer {@code true}. Added in SPI 1.x; the default keeps older plugins working.
     */
    default boolean supportsTokenIds() {
        return false;
    }

    /**
     * Generates tokens from text token ids (see {@link TokenIdRequest}); the result has {@code arLayers + narLayers}
     * layers and holds only the generated frames (not the prompt).
     *
     * @throws UnsupportedOperationException when {@link #supportsTokenIds()} is false (the default)
     * @throws io.voxtok.api.VoxtokException on bad ids or prompt, naming the problem
     */
    default TokenMatrix generateFromIds(TokenIdRequest request) {
        throw new UnsupportedOperationException(id() + " does not generate from token ids");
    }

    /**
     * Whether {@link #scoreTeacherForced} is implemented. Added in SPI 1.x; the default keeps older plugins working.
     */
    default boolean supportsScoring() {
        return false;
    }

    /**
     * Teacher-forced loss and top-10 accuracy of the model on one utterance: its text token ids
     * ({@code <bos> ... <eos>}) and its codes, {@code codes[t][l]} for every frame and layer the model reads, every
     * NAR stage evaluated (no random stage draw), dropout off.
     *
     * @throws UnsupportedOperationException when {@link #supportsScoring()} is false (the default)
     * @throws io.voxtok.api.VoxtokException on ids or codes outside the model's tables, naming the problem
     */
    default TeacherForcedScore scoreTeacherForced(long[] textIds, int[][] codes) {
        throw new UnsupportedOperationException(id() + " does not score token sequences");
    }
}
