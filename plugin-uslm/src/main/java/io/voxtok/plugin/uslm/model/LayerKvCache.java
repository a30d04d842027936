package io.voxtok.plugin.uslm.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Keys and values of one attention layer for the positions already processed, {@code (N, H, L, d_head)} each,
 * owned by the manager given at construction (which outlives the per-step managers). Not thread-safe: one
 * generation owns it.
 *
 * <p>The positions live in preallocated buffers of a capacity that doubles when full, and a step writes its new
 * positions in place: appending one frame copies one frame, not the whole cache (a concatenation per step would
 * copy {@code O(L)} per layer and step, {@code O(L^2)} over a generation). Readers get views of the filled part.
 */
public final class LayerKvCache implements AutoCloseable {
    /** Spare positions allocated beyond the first append (grown by doubling after that). */
    static final int INITIAL_SPARE = 256;
    private final NDManager manager;
    private NDArray keys;
    private NDArray values;
    private int length;
    private int capacity;

    /** @param manager owner of the cached arrays */
    public LayerKvCache(NDManager manager) {
        this.manager = manager;
    }

    /** Positions cached so far. */
    public int length() {
        return length;
    }

    /** Positions the buffers hold before they must grow. */
    public int capacity() {
        return capacity;
    }

    /**
     * Appends the new positions' keys and values and returns views of all cached positions. The views share the
     * cache's buffers: they are valid until the next append and the caller closes them.
     *
     * @param k new keys {@code (N, H, l, dh)}
     * @param v new values, same shape
     * @return {@code [K, V]}, {@code (N, H, length, dh)} views owned by the caller
     */
    public NDArray[] append(NDArray k, NDArray v) {
        Shape s = k.getShape();
        if (!s.equals(v.getShape()) || s.dimension() != 4) {
            throw new IllegalArgumentException("keys " + s + " and values " + v.getShape() + " must be equal (N, H, l, dh)");
        }
        int l = Math.toIntExact(s.get(2));
        int need = Math.addExact(length, l);
        if (keys == null) {
            capacity = need + INITIAL_SPARE;
            keys = buffer(s, capacity, k);
            values = buffer(s, capacity, v);
        } else if (need > capacity) {
            int grown = Math.max(need, capacity * 2);
            NDArray nk = buffer(s, grown, k);
            NDArray nv = buffer(s, grown, v);
            try (NDArray ok = filled(keys); NDArray ov = filled(values)) {
                nk.set(range(0, length), ok);
                nv.set(range(0, length), ov);
            }
            keys.close();
            values.close();
            keys = nk;
            values = nv;
            capacity = grown;
        }
        keys.set(range(length, need), k);
        values.set(range(length, need), v);
        length = need;
        NDArray kv = filled(keys);
        kv.attach(k.getManager());
        NDArray vv = filled(values);
        vv.attach(k.getManager());
        return new NDArray[] {kv, vv};
    }

    private NDArray buffer(Shape like, int positions, NDArray dtypeOf) {
        return manager.zeros(new Shape(like.get(0), like.get(1), positions, like.get(3)), dtypeOf.getDataType());
    }

    private NDArray filled(NDArray buffer) {
        return buffer.get(range(0, length));
    }

    private static NDIndex range(int from, int to) {
        return new NDIndex().addAllDim(2).addSliceDim(from, to);
    }

    @Override
    public void close() {
        if (keys != null) {
            keys.close();
            values.close();
            keys = null;
            values = null;
            length = 0;
            capacity = 0;
        }
    }
}
