package io.voxtok.metrics.probe;

import java.util.List;

/**
 * Settings of a {@link TokenContentReport}.
 *
 * @param frameRate      token frames per second (50 for SpeechTokenizer: 16 kHz, hop 320)
 * @param hop            samples per token frame at the tokenizer's sample rate (reported, and with
 *                       {@code frameRate} gives that sample rate)
 * @param codebookSize   codes per layer
 * @param layers         1-based layers to measure phone content on; empty = all
 * @param groups         layer groups for the speaker probe; empty = RVQ-1 and RVQ-2..n_q
 * @param split          {@code all}, {@code train}, {@code dev} or {@code test}: which manifest items to use
 * @param toleranceFrames largest allowed difference between a file's token count and the manifest duration
 *                       times the frame rate
 */
public record TokenContentOptions(double frameRate, int hop, int codebookSize, List<Integer> layers,
                                  List<LayerGroup> groups, String split, int toleranceFrames) {
    /** SpeechTokenizer defaults: 50 frames/s, hop 320, 1024 codes, all layers, default groups, all splits, 2 frames. */
    public static TokenContentOptions defaults() {
        return new TokenContentOptions(50, 320, 1024, List.of(), List.of(), "all", 2);
    }

    /** Validates and copies. */
    public TokenContentOptions {
        if (!(frameRate > 0) || hop < 1 || codebookSize < 2 || toleranceFrames < 0) {
            throw new IllegalArgumentException("bad token settings: frame rate " + frameRate + ", hop " + hop
                    + ", codebook size " + codebookSize + ", tolerance " + toleranceFrames
                    + " (need > 0, >= 1, >= 2, >= 0)");
        }
        layers = List.copyOf(layers);
        groups = List.copyOf(groups);
        for (int l : layers) {
            if (l < 1) {
                throw new IllegalArgumentException("bad layer " + l + " (layers are numbered from 1)");
            }
        }
        if (!List.of("all", "train", "dev", "test").contains(split)) {
            throw new IllegalArgumentException("bad split '" + split + "' (expected all, train, dev or test)");
        }
    }
}
