package io.voxtok.plugin.uslm.generation;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;

/**
 * The AR stopped before generating a single frame. The official code raises
 * {@code SyntaxError("well trained model shouldn't reach here.")}; {@code FirstStepEosPolicy.RETURN_EMPTY} returns an
 * empty result instead.
 */
public final class FirstStepEosException extends VoxtokException {
    private static final long serialVersionUID = 1L;

    /** @param reason the stop reason at step 0 */
    public FirstStepEosException(StopReason reason) {
        super(ErrorKind.USER_INPUT, "the language model stopped (" + reason + ") before generating any frame; the "
                + "official code raises here (\"well trained model shouldn't reach here\"): check the model, text ids "
                + "and prompt, or allow empty results (first-step-eos policy RETURN_EMPTY)");
    }
}
