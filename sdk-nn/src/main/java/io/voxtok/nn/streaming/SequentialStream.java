package io.voxtok.nn.streaming;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

import java.util.List;

/**
 * Streams layers applied in order: each piece goes through the layers' streams as far as outputs become final;
 * {@link #finish} flushes them in order, feeding each layer's remaining outputs to the next before finishing it.
 * Owns its layer streams. Not thread-safe.
 */
public final class SequentialStream implements LayerStream {
    private final List<LayerStream> streams;

    /** @param streams one stream per layer, in order (owned from now on) */
    public SequentialStream(List<LayerStream> streams) {
        this.streams = List.copyOf(streams);
    }

    @Override
    public NDArray push(NDArray x) {
        NDArray h = x;
        for (LayerStream s : streams) {
            NDArray next = s.push(h);
            if (h != x) {
                h.close();
            }
            if (next == null) {
                return null;
            }
            h = next;
        }
        return h == x ? x.duplicate() : h;
    }

    @Override
    public NDArray finish(NDManager manager) {
        NDArray carry = null;
        for (LayerStream s : streams) {
            NDArray pushed = carry == null ? null : s.push(carry);
            if (carry != null) {
                carry.close();
            }
            NDArray rest = s.finish(manager);
            carry = join(pushed, rest);
        }
        return carry;
    }

    @Override
    public void close() {
        for (LayerStream s : streams) {
            s.close();
        }
    }

    private static NDArray join(NDArray a, NDArray b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        try (a; b) {
            return NDArrays.concat(new NDList(a, b), -1);
        }
    }
}
