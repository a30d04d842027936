package io.voxtok.plugin.uslm.generation;

import io.voxtok.api.VoxtokException;

/**
 * One item to generate: text ids ({@code <bos> ... <eos>} of prompt transcript and target text, as the official
 * {@code TextTokenCollater} makes them) and the prompt's codes. Immutable (arrays are copied).
 *
 * @param textIds      text ids; {@code x_lens} is their count
 * @param promptCodes  prompt codes {@code [frame][quantizer]}, at least one frame
 * @param enrollXLens  length of the prompt transcript's ids (read only by prefix modes 2/4, which are not
 *                     implemented; kept because the official signature requires it), or -1
 */
public record GenerationInput(long[] textIds, long[][] promptCodes, int enrollXLens) {
    /** Validates and copies. */
    public GenerationInput {
        if (textIds.length == 0) {
            throw VoxtokException.userInput("text ids are empty");
        }
        if (promptCodes.length == 0) {
            throw VoxtokException.userInput("the prompt has no frames (the AR starts from the prompt's RVQ-1 codes)");
        }
        textIds = textIds.clone();
        long[][] c = new long[promptCodes.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = promptCodes[i].clone();
        }
        promptCodes = c;
    }
}
