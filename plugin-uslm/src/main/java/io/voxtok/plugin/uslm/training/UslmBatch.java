package io.voxtok.plugin.uslm.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import io.voxtok.api.VoxtokException;
import java.util.Objects;

/**
 * A training batch in the official layout: text ids {@code x (N, S)} int64 with lengths {@code xLens (N)}, codes
 * {@code y (N, T, 8)} int64 with lengths {@code yLens (N)}; the official code requires {@code S == max(xLens)} and
 * {@code T == max(yLens)}. Codes of padded frames are ignored (zeroed by the forward). The arrays belong to the
 * caller's manager, which also receives every output of the forward.
 *
 * @param x     text ids
 * @param xLens text lengths incl. BOS/EOS
 * @param y     codes
 * @param yLens frame counts
 */
public record UslmBatch(NDArray x, NDArray xLens, NDArray y, NDArray yLens) {
    /** Checks shapes and types. */
    public UslmBatch {
        Objects.requireNonNull(x);
        Objects.requireNonNull(xLens);
        Objects.requireNonNull(y);
        Objects.requireNonNull(yLens);
        if (x.getShape().dimension() != 2 || y.getShape().dimension() != 3 || xLens.getShape().dimension() != 1
                || yLens.getShape().dimension() != 1) {
            throw VoxtokException.userInput("USLM batch must be x (N,S), x_lens (N), y (N,T,Q), y_lens (N); got "
                    + x.getShape() + ", " + xLens.getShape() + ", " + y.getShape() + ", " + yLens.getShape());
        }
        long n = x.getShape().get(0);
        if (y.getShape().get(0) != n || xLens.getShape().get(0) != n || yLens.getShape().get(0) != n) {
            throw VoxtokException.userInput("USLM batch items disagree: " + x.getShape() + ", " + y.getShape());
        }
        for (NDArray a : new NDArray[] {x, xLens, y, yLens}) {
            if (a.getDataType() != DataType.INT64) {
                throw VoxtokException.userInput("USLM batch arrays must be int64, got " + a.getDataType());
            }
        }
    }

    /** Items. */
    public int size() {
        return Math.toIntExact(x.getShape().get(0));
    }
}
