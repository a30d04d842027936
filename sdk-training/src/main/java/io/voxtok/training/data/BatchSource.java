package io.voxtok.training.data;

/**
 * An endless, deterministic stream of training batches. {@link #position()} names the next batch; a source
 * started at that position yields the same batches from there on (same order, crops and padding) whatever
 * implementation, thread count or timing. Not for use by several consumer threads.
 */
public interface BatchSource extends AutoCloseable {
    /**
     * The batch at {@link #position()}, advancing the position.
     *
     * @throws io.voxtok.api.VoxtokException naming the item and its file when an item cannot be loaded
     */
    Batch next();

    /** The position of the batch the next {@link #next()} returns. */
    SamplerPosition position();

    /** Batches per epoch (the last partial batch of an epoch is dropped). */
    int batchesPerEpoch();

    /** Releases loader threads; no-op where there are none. */
    @Override
    void close();
}
