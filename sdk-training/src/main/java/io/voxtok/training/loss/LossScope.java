package io.voxtok.training.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A temporary sub-manager for one loss computation: the inputs are temporarily attached to it (so every
 * intermediate array lands there and is freed on close), and the result is attached back to the caller's manager.
 * Closing intermediates is safe for autograd: the engine's graph keeps what backward needs.
 */
final class LossScope implements AutoCloseable {
    private final NDManager parent;
    private final NDManager scope;

    private LossScope(NDManager parent, Collection<NDArray> inputs) {
        this.parent = parent;
        this.scope = parent.newSubManager();
        // an array attached twice would be "returned" to this scope on close: attach each array once
        Set<NDArray> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (NDArray a : inputs) {
            if (seen.add(a)) {
                a.tempAttach(scope);
            }
        }
    }

    /** Opens a scope under {@code parent} holding {@code inputs} temporarily. */
    static LossScope open(NDManager parent, Collection<NDArray> inputs) {
        return new LossScope(parent, inputs);
    }

    /** Opens a scope under {@code parent} holding {@code inputs} temporarily. */
    static LossScope open(NDManager parent, NDArray... inputs) {
        return new LossScope(parent, List.of(inputs));
    }

    /** The scope's manager, for constants. */
    NDManager manager() {
        return scope;
    }

    /** Moves {@code result} to the caller's manager so that it outlives the scope, and returns it. */
    NDArray keep(NDArray result) {
        result.attach(parent);
        return result;
    }

    @Override
    public void close() {
        scope.close();
    }
}
