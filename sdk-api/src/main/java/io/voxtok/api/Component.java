package io.voxtok.api;

/**
 * A live component created by a {@link ComponentFactory}: it may own native memory, model weights or
 * sessions, and releases them in {@link #close()}.
 *
 * <p>Ownership: whoever called {@code create} owns the component and must close it (the runtime closes
 * the components it created, in reverse order of creation). {@code close()} is idempotent and throws no
 * checked exception. Thread safety is stated by each sub-interface.
 */
public interface Component extends AutoCloseable {
    /** The id of the factory that made this component. */
    ComponentId id();

    /** Releases every resource held; idempotent. */
    @Override
    void close();
}
