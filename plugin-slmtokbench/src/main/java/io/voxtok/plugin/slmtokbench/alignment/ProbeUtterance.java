package io.voxtok.plugin.slmtokbench.alignment;

import io.voxtok.api.VoxtokException;

/**
 * One utterance for the text-alignment probe: its discrete tokens and its transcript.
 *
 * @param id         an identifier for messages (e.g. the corpus id)
 * @param tokens     {@code [T][layers]}: frame-major token ids, one column per codebook layer; ids >= 0
 * @param transcript the transcript as written (normalised by the probe with {@code TextNormalizer})
 */
public record ProbeUtterance(String id, int[][] tokens, String transcript) {
    /** Checks the shape: at least one frame, the same number (>= 1) of layers in every frame, no negative id. */
    public ProbeUtterance {
        if (tokens == null || tokens.length == 0) {
            throw VoxtokException.userInput("utterance " + id + " has no token frames");
        }
        if (transcript == null) {
            throw VoxtokException.userInput("utterance " + id + " has no transcript");
        }
        int layers = tokens[0].length;
        if (layers == 0) {
            throw VoxtokException.userInput("utterance " + id + " has frames without token layers");
        }
        for (int t = 0; t < tokens.length; t++) {
            if (tokens[t].length != layers) {
                throw VoxtokException.userInput("utterance " + id + " frame " + t + " has " + tokens[t].length
                        + " token layers, frame 0 has " + layers);
            }
            for (int v : tokens[t]) {
                if (v < 0) {
                    throw VoxtokException.userInput("utterance " + id + " frame " + t + " has token id " + v);
                }
            }
        }
    }

    /** Number of frames {@code T}. */
    public int frames() {
        return tokens.length;
    }

    /** Number of codebook layers per frame. */
    public int layers() {
        return tokens[0].length;
    }
}
