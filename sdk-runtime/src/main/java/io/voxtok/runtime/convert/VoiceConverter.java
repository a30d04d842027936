package io.voxtok.runtime.convert;

import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.token.LayerRange;
import io.voxtok.api.token.TokenMatrix;
import io.voxtok.api.token.Tokenizer;

/**
 * One-shot voice conversion by swapping RVQ layers (SpeechTokenizer paper, section 5.2): the content layers of
 * the source (RVQ-1, the semantic layer) are kept and the following layers (RVQ-2..8: timbre, prosody) come from
 * a reference speaker. The reference's frames are truncated, or repeated circularly, to the source's length.
 */
public final class VoiceConverter {
    private VoiceConverter() {
    }

    /**
     * Converts {@code source} to the voice of {@code reference}.
     *
     * @param referenceLayers the layers taken from the reference, {@code [start, end)}; layers {@code [0, start)}
     *                        come from the source. The paper's setting is {@code [1, 8)} (RVQ-2..8).
     * @return decoded audio of {@code ceil(source frames / hop) * hop} samples
     */
    public static AudioBuffer convert(Tokenizer tokenizer, AudioBuffer source, AudioBuffer reference,
                                      LayerRange referenceLayers) {
        int n = tokenizer.spec().numLayers();
        if (referenceLayers.start() < 1 || referenceLayers.end() > n) {
            throw VoxtokException.userInput("reference layers " + referenceLayers + " must lie in [1, " + n
                    + "): at least RVQ-1 comes from the source");
        }
        TokenMatrix src = tokenizer.encode(source, LayerRange.first(referenceLayers.start()));
        TokenMatrix ref = tokenizer.encode(reference, LayerRange.first(referenceLayers.end()))
                .layers(referenceLayers.start(), referenceLayers.end());
        TokenMatrix fitted = fitFrames(ref, src.frames());
        return tokenizer.decode(src.concatLayers(fitted));
    }

    /** Truncates or circularly pads a single-item matrix to {@code frames} frames. */
    static TokenMatrix fitFrames(TokenMatrix m, int frames) {
        int have = m.validFrames(0);
        if (have == 0) {
            throw VoxtokException.userInput("the reference audio is too short to give any token frame");
        }
        int[][] codes = m.itemCodes(0);
        int[][] out = new int[codes.length][frames];
        for (int l = 0; l < codes.length; l++) {
            for (int t = 0; t < frames; t++) {
                out[l][t] = codes[l][t % have];
            }
        }
        return TokenMatrix.single(out, m.firstLayer(), m.codebookSize(), m.frameRate(), m.producer());
    }
}
