package io.voxtok.nn.recurrent;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import io.voxtok.nn.LengthAwareLayer;
import io.voxtok.nn.ParameterLoader;
import io.voxtok.nn.StateDictBlock;

/**
 * SEANet's {@code SLSTM} (SPEC 1.6): input {@code (B, C, T)} is permuted to {@code (T, B, C)}, run through an
 * LSTM with hidden size {@code C}, the skip adds {@code x} (or {@code [x ; x]} when bidirectional), and the
 * result is permuted back to {@code (B, dirs * C, T)}. The LSTM is the child {@code lstm}. Thread-safe when not
 * training.
 */
public final class SkipLstm extends StateDictBlock implements LengthAwareLayer {
    private final Lstm lstm;

    /** @param lstm an LSTM whose hidden size equals its input size */
    public SkipLstm(Lstm lstm) {
        if (lstm.hiddenSize() != lstm.inputSize()) {
            throw new IllegalArgumentException("SLSTM needs hidden size == input size, got " + lstm.hiddenSize()
                    + " and " + lstm.inputSize());
        }
        this.lstm = child("lstm", lstm);
    }

    /** Loads {@code prefix + "lstm."} keys of an {@code SLSTM(dimension, numLayers)}. */
    public static SkipLstm load(ParameterLoader loader, String prefix, int dimension, int numLayers,
                                boolean bidirectional) {
        return new SkipLstm(Lstm.load(loader, prefix + "lstm.", dimension, dimension, numLayers, bidirectional));
    }

    /** The wrapped LSTM. */
    public Lstm lstm() {
        return lstm;
    }

    /** Output channels: {@code C}, or {@code 2C} when bidirectional. */
    public int outChannels() {
        return lstm.hiddenSize() * (lstm.bidirectional() ? 2 : 1);
    }

    /** {@inheritDoc} Every item over the full length {@code T}. */
    @Override
    public NDArray forward(NDArray x, boolean training) {
        return forward(x, null, training);
    }

    /**
     * Items with their own valid lengths (packed-sequence semantics, see {@link Lstm#forward(NDArray, int[])}).
     *
     * @param x       {@code (B, C, T)}
     * @param lengths valid frames per item, or {@code null} for all {@code T}
     * @return {@code (B, dirs * C, T)}; frames past an item's length are unspecified
     */
    @Override
    public NDArray forward(NDArray x, int[] lengths) {
        return forward(x, lengths, false);
    }

    private NDArray forward(NDArray x, int[] lengths, boolean training) {
        try (NDArray seq = x.transpose(2, 0, 1);
             NDArray y = lstm.forward(seq, lengths, training);
             NDArray skip = lstm.bidirectional() ? NDArrays.concat(new NDList(seq, seq), 2) : null;
             NDArray sum = y.add(skip != null ? skip : seq)) {
            return sum.transpose(1, 2, 0);
        }
    }
}
