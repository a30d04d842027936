package io.voxtok.plugin.speechtokenizer.model;

/** How a batch of waveforms of different lengths is encoded. */
public enum BatchMode {
    /**
     * Each item exactly as if encoded alone: convolutions run per item on its own length and the LSTMs run as
     * packed sequences, so no padding enters any item's result. The default.
     */
    PER_ITEM,
    /**
     * The official behaviour: items are zero-padded at the end to the longest one and encoded as one tensor;
     * the padding is part of the signal (non-causal convolutions, reflect padding, the BiLSTM's backward
     * pass), so the codes of a shorter item differ from its unbatched codes near its end.
     */
    PADDED
}
