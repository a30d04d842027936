package io.voxtok.plugin.uslm.config;

/** What generation does when the AR stops (EOS) before producing a single frame. */
public enum FirstStepEosPolicy {
    /** Official: an error ({@code SyntaxError("well trained model shouldn't reach here.")} in Python). */
    FAIL,
    /** Return an empty result (0 frames) instead. */
    RETURN_EMPTY
}
