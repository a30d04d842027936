package io.voxtok.plugin.uslm.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Keys and values of one attention layer for the positions already processed, {@code (N, H, L, d_head)} each,
 * owned by the manager given at construction (which outlives the per-step managers). Not thread-safe: one
 * generation owns it.
 */
public final class LayerKvCache implements AutoCloseable {
    private final NDManager manager;
    private NDArray keys;
    private NDArray values;

    /** @param manager owner of the cached arrays */
    public LayerKvCache(NDManager manager) {
        this.manager = manager;
    }

    /** Positions cached so far. */
    public int length() {
        return keys == null ? 0 : Math.toIntExact(keys.getShape().get(2));
    }

    /**
     * Appends the new positions' keys and values and returns all of them (views valid until the next append).
     *
     * @param k new keys {@code (N, H, l, dh)}
     * @param v new values
     * @return {@code [K, V]} with every cached position, owned by the cache
     */
    public NDArray[] append(NDArray k, NDArray v) {
        NDArray nk = keys == null ? k.duplicate() : keys.concat(k, 2);
        NDArray nv = values == null ? v.duplicate() : values.concat(v, 2);
        nk.attach(manager);
        nv.attach(manager);
        if (keys != null) {
            keys.close();
            values.close();
        }
        keys = nk;
        values = nv;
        return new NDArray[] {keys, values};
    }

    @Override
    public void close() {
        if (keys != null) {
            keys.close();
            values.close();
            keys = null;
            values = null;
        }
    }
}
