package io.voxtok.plugin.slmtokbench.alignment;

/**
 * How the probe combines the embeddings of several codebook layers into one input vector per frame.
 */
public enum InputCombination {
    /**
     * Sum of one embedding per codebook: the convention of the official SpeechTokenizer and EnCodec code, whose RVQ
     * decoders sum the codebook vectors of the selected layers. The default (the paper leaves the probe's input layer
     * for multi-codebook tokens unstated).
     */
    SUM,
    /** Concatenation of the per-codebook embeddings (input width = layers x embedding size). */
    CONCAT
}
