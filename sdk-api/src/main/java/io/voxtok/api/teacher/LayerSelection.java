package io.voxtok.api.teacher;

/**
 * Which hidden states of a teacher to return: one layer, or the mean of all of them (SpeechTokenizer's
 * released "hubert avg" target).
 */
public sealed interface LayerSelection permits LayerSelection.Single, LayerSelection.Average {
    /**
     * Hidden state number {@code layer} in the Hugging Face {@code hidden_states} indexing: 0 is the
     * embedding output, {@code n} the output of transformer layer {@code n}.
     *
     * @param layer the hidden-state index
     */
    record Single(int layer) implements LayerSelection {
        /** Validates. */
        public Single {
            if (layer < 0) {
                throw new IllegalArgumentException("layer must be >= 0");
            }
        }
    }

    /** The mean of every hidden state (embedding output and each layer). */
    record Average() implements LayerSelection {
    }

    /** Parses {@code avg} or a layer number. */
    static LayerSelection parse(String text) {
        return text.equalsIgnoreCase("avg") ? new Average() : new Single(Integer.parseInt(text.trim()));
    }
}
