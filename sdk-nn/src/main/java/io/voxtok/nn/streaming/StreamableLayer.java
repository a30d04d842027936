package io.voxtok.nn.streaming;

import ai.djl.ndarray.NDManager;
import io.voxtok.nn.Layer;

/** A layer that can run on a signal arriving in pieces, carrying its own state between them. */
public interface StreamableLayer extends Layer {
    /**
     * Opens a new stream over this layer; the caller closes it.
     *
     * @param state manager that holds the carried state (owned by the caller, outlives the stream)
     */
    LayerStream openStream(NDManager state);
}
