package io.voxtok.plugin.uslm.text;

/**
 * The text input of USLM inference (SPEC 6.5 step 1).
 *
 * @param ids          ids of {@code "<prompt text> <target text>"}, {@code <bos> ... <eos>}; {@code x_lens} is
 *                     {@code ids.length}
 * @param enrollLength the official {@code enroll_x_lens}: the length of the prompt text alone, BOS/EOS included
 */
public record UslmTextInput(int[] ids, int enrollLength) {
    /** Copies. */
    public UslmTextInput {
        ids = ids.clone();
    }

    /** A copy of the ids. */
    @Override
    public int[] ids() {
        return ids.clone();
    }
}
