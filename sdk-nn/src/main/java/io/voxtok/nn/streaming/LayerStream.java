package io.voxtok.nn.streaming;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * The incremental state of one layer over one stream. {@link #push} consumes the next piece of input and returns
 * the outputs that are final; {@link #finish} returns the rest, computed exactly as a whole-signal pass would
 * compute the end of the signal (padding included). Not thread-safe; close it to free the carried state.
 */
public interface LayerStream extends AutoCloseable {
    /**
     * Consumes input {@code (B, C, n)}, {@code n >= 1}.
     *
     * @param x the next samples; not closed
     * @return the outputs that became final, attached to {@code x}'s manager, or {@code null} when none did
     */
    NDArray push(NDArray x);

    /**
     * Ends the stream.
     *
     * @param manager manager the returned array is attached to
     * @return the remaining outputs, or {@code null} when there are none
     */
    NDArray finish(NDManager manager);

    /** Frees the carried state; idempotent. */
    @Override
    void close();
}
