package io.voxtok.plugin.uslm.generation;

import java.util.List;

/**
 * Generated codes of one item and how the AR loop ended. Immutable holder.
 *
 * @param codes       {@code [frame][quantizer]} of the generated part only (the prompt is not included), as the
 *                    official {@code (1, T_gen, 8)}
 * @param stopReason  why the AR stopped
 * @param arSteps     AR decoder runs (generated frames + the stopping step)
 * @param stepLogits  AR logits of every step ({@code recordLogits}; else empty)
 * @param narTop2     per NAR stage, the two largest logits of every generated frame, {@code [stage][frame][2]}
 *                    ({@code recordLogits}; else empty)
 */
public record GenerationResult(long[][] codes, StopReason stopReason, int arSteps, List<float[]> stepLogits,
                               List<float[][]> narTop2) {
    /** Copies the lists. */
    public GenerationResult {
        stepLogits = List.copyOf(stepLogits);
        narTop2 = List.copyOf(narTop2);
    }

    /** Generated frames. */
    public int frames() {
        return codes.length;
    }
}
