package io.voxtok.api;

import io.voxtok.api.backend.BackendSpec;
import java.util.Optional;

/**
 * Host services given to a factory when it creates a component. Implemented by the runtime; plugins never
 * implement it (except in tests). Thread-safe.
 */
public interface ComponentContext {
    /** The SPI version of the host, {@link SpiVersion#CURRENT}. */
    String spiVersion();

    /** The backend and device this component must run on, resolved from the user's configuration. */
    BackendSpec backend();

    /**
     * A host service by type, e.g. the DJL backend bridge of {@code sdk-nn}. Empty when the host does not
     * offer it (a third-party tokenizer written against {@code sdk-api} alone needs none).
     */
    <T> Optional<T> service(Class<T> type);

    /** Other components (e.g. a tokenizer that a language model reads and writes). */
    ComponentLookup components();
}
