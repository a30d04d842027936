package io.voxtok.plugin.uslm.config;

import java.util.Objects;

/**
 * Behaviour switches. {@link #official()} reproduces the official code, including its defects; each other value
 * is a named fix that changes results and is documented here. Immutable.
 *
 * @param tiedNarOffsetFix    official ({@code false}): {@code nar_predict_layers[j]} (predicts RVQ-(j+2)) shares its
 *                            weight with {@code nar_audio_embeddings[j+2]}, the embedding of RVQ-(j+3), for j = 0..5,
 *                            and layer 6 is untied (README item 4). {@code true}: layer j is tied to
 *                            {@code nar_audio_embeddings[j+1]}, the embedding of the codebook it predicts, for all
 *                            j = 0..6. Only meaningful for models trained with the fix: an official checkpoint loaded
 *                            this way ignores its {@code nar_predict_layers.*} tensors.
 * @param arLossIgnoresPadding official ({@code false}): the AR cross-entropy sums over every position including
 *                            padding (trained towards EOS). {@code true}: positions after the end-of-utterance EOS
 *                            target are excluded from the AR loss (the real EOS target is kept).
 * @param narStageDraw        which NAR stages a training forward trains
 * @param firstStepEos        what generation does on an EOS at the very first AR step
 */
public record UslmOptions(boolean tiedNarOffsetFix, boolean arLossIgnoresPadding, NarStageDraw narStageDraw,
                          FirstStepEosPolicy firstStepEos) {
    /** Validates. */
    public UslmOptions {
        Objects.requireNonNull(narStageDraw, "narStageDraw");
        Objects.requireNonNull(firstStepEos, "firstStepEos");
    }

    /** The official behaviour. */
    public static UslmOptions official() {
        return new UslmOptions(false, false, NarStageDraw.STAGE1_PLUS_UNIFORM_2_7, FirstStepEosPolicy.FAIL);
    }

    /** A copy with {@link #tiedNarOffsetFix()} set. */
    public UslmOptions withTiedNarOffsetFix(boolean v) {
        return new UslmOptions(v, arLossIgnoresPadding, narStageDraw, firstStepEos);
    }

    /** A copy with {@link #arLossIgnoresPadding()} set. */
    public UslmOptions withArLossIgnoresPadding(boolean v) {
        return new UslmOptions(tiedNarOffsetFix, v, narStageDraw, firstStepEos);
    }

    /** A copy with {@link #narStageDraw()} set. */
    public UslmOptions withNarStageDraw(NarStageDraw v) {
        return new UslmOptions(tiedNarOffsetFix, arLossIgnoresPadding, v, firstStepEos);
    }

    /** A copy with {@link #firstStepEos()} set. */
    public UslmOptions withFirstStepEos(FirstStepEosPolicy v) {
        return new UslmOptions(tiedNarOffsetFix, arLossIgnoresPadding, narStageDraw, v);
    }
}
