package io.voxtok.nn.streaming;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import io.voxtok.nn.Layer;

/**
 * Streams any causal layer of stride {@code s} whose output frame {@code t} depends on input samples
 * {@code [t*s - P, t*s + s)} only (a causal SEANet convolution with {@code P = k_eff - s}, a residual block, an
 * activation with {@code P = 0}), by running the unchanged layer on windows: the window starts {@code P} samples
 * (the carried left context) before the first new frame, and the {@code P / s} outputs that the layer computes from
 * its own left padding are dropped.
 *
 * <p>Why this equals the whole-signal pass: the first window starts at sample 0 and holds at least
 * {@code P + s} samples, so the layer's own left reflect padding sees the same samples as in the whole signal; later
 * windows start on a frame boundary and are a multiple of {@code s} long, so no right padding is added; at
 * {@link #finish} the last window ends where the signal ends and starts on a frame boundary, so the layer adds the
 * same extra right padding {@code E} as for the whole signal (SPEC 1.1). A signal too short to start the stream
 * (fewer than {@code P + s} samples in total) is run as one whole window at finish, small-input rule included.
 *
 * <p>Memory stays bounded: at most {@code P + s - 1} input samples are carried. Not thread-safe.
 */
public final class CausalWindowStream implements LayerStream {
    private final Layer layer;
    private final int context;
    private final int stride;
    private final NDManager state;
    private NDArray buffer;
    private boolean started;

    /**
     * @param layer   the causal layer (not owned)
     * @param context left context {@code P} in input samples, a multiple of {@code stride}
     * @param stride  input samples per output frame
     * @param state   manager that holds the carried samples (owned by the caller)
     */
    public CausalWindowStream(Layer layer, int context, int stride, NDManager state) {
        if (stride < 1 || context < 0 || context % stride != 0) {
            throw new IllegalArgumentException("context " + context + " must be a non-negative multiple of stride "
                    + stride);
        }
        this.layer = layer;
        this.context = context;
        this.stride = stride;
        this.state = state;
    }

    @Override
    public NDArray push(NDArray x) {
        NDArray all = append(x);
        int length = length(all);
        NDArray out = null;
        if (!started) {
            if (length >= context + stride) {
                int frames = length / stride;
                try (NDArray window = all.get(new NDIndex("..., :{}", frames * stride))) {
                    out = layer.forward(window);
                }
                keep(all, frames * stride - context);
                started = true;
                return out;
            }
        } else if (length - context >= stride) {
            int frames = (length - context) / stride;
            try (NDArray window = all.get(new NDIndex("..., :{}", context + frames * stride));
                 NDArray full = layer.forward(window)) {
                out = full.get(new NDIndex("..., {}:", context / stride));
            }
            keep(all, frames * stride);
            return out;
        }
        keep(all, 0);
        return null;
    }

    @Override
    public NDArray finish(NDManager manager) {
        if (buffer == null) {
            return null;
        }
        try (NDArray rest = buffer.duplicate()) {
            rest.attach(manager);
            int length = length(rest);
            if (!started) {
                return layer.forward(rest);
            }
            if (length <= context) {
                return null;
            }
            try (NDArray full = layer.forward(rest)) {
                return full.get(new NDIndex("..., {}:", context / stride));
            }
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        if (buffer != null) {
            buffer.close();
            buffer = null;
        }
    }

    /** The carried samples followed by {@code x}, attached to {@code x}'s manager. */
    private NDArray append(NDArray x) {
        if (buffer == null) {
            return x.duplicate();
        }
        try (NDArray carried = buffer.duplicate()) {
            carried.attach(x.getManager());
            buffer.close();
            buffer = null;
            return NDArrays.concat(new NDList(carried, x), -1);
        }
    }

    /** Carries {@code all[..., from:]} over to the next call and releases {@code all}. */
    private void keep(NDArray all, int from) {
        int length = length(all);
        if (from < length) {
            NDArray tail = all.get(new NDIndex("..., {}:", from));
            tail.attach(state);
            buffer = tail;
        }
        all.close();
    }

    private static int length(NDArray x) {
        return Math.toIntExact(x.getShape().get(x.getShape().dimension() - 1));
    }
}
