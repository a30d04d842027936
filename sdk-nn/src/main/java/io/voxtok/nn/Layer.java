package io.voxtok.nn;

import ai.djl.ndarray.NDArray;

/**
 * An immutable inference layer: a pure function of its input array.
 *
 * <p>Implementations never modify {@code x} and attach their result (and every temporary) to
 * {@code x.getManager()}, so that weights held by another manager are never used as the receiver of an
 * operation. Thread-safe.
 */
@FunctionalInterface
public interface Layer {
    /**
     * Applies the layer.
     *
     * @param x input, usually {@code (batch, channels, time)}
     * @return the output, attached to {@code x}'s manager
     */
    NDArray forward(NDArray x);
}
