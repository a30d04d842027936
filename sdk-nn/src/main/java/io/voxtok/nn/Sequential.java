package io.voxtok.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import io.voxtok.nn.conv.Padding1d;
import io.voxtok.nn.conv.PaddingMode;

import java.util.ArrayList;
import java.util.List;

/**
 * Layers applied in order, with two ways to run a batch.
 *
 * <p>{@link #forward} runs one padded tensor through every layer, which is what the official models do
 * with a zero-padded batch: padding then leaks into non-causal convolutions, reflect padding and
 * bidirectional recurrences near each item's end. {@link #forwardItems} instead keeps items apart: every
 * layer runs item by item on the item's own length, except {@link LengthAwareLayer}s, which run once on a
 * padded batch with per-item lengths (the recurrent layers, where batching pays off). Each item's output then
 * equals running it alone.
 *
 * <p>Layers that are {@link StateDictBlock}s are children named by their index ({@code "0"}, {@code "1"}, ...),
 * like {@code nn.Sequential}'s, and run in training mode when asked; a plain {@link Layer} is inference-only.
 * Thread-safe when not training.
 */
public final class Sequential extends StateDictBlock {
    private final List<Layer> layers;

    /** @param layers the layers in order */
    public Sequential(List<? extends Layer> layers) {
        this.layers = List.copyOf(layers);
        for (int i = 0; i < this.layers.size(); i++) {
            if (this.layers.get(i) instanceof StateDictBlock b) {
                child(Integer.toString(i), b);
            }
        }
    }

    /** The layers. */
    public List<Layer> layers() {
        return layers;
    }

    /** {@inheritDoc} */
    @Override
    public NDArray forward(NDArray x, boolean training) {
        NDArray h = x;
        for (Layer layer : layers) {
            NDArray next = scoped(layer, h, training);
            if (h != x) {
                h.close();
            }
            h = next;
        }
        return h;
    }

    /**
     * {@link #forward(NDArray, boolean)} in inference mode, adding each layer's wall time and process CPU time in
     * nanoseconds to {@code wallNanos[i]} and {@code cpuNanos[i]}. For profiling: the engine computes on the calling
     * thread and its own pool (CPU), so the time a layer's call takes is the time the layer costs, its manager
     * scope included.
     *
     * @param wallNanos one slot per layer
     * @param cpuNanos  one slot per layer, or {@code null}
     */
    public NDArray forward(NDArray x, long[] wallNanos, long[] cpuNanos) {
        if (wallNanos.length != layers.size() || (cpuNanos != null && cpuNanos.length != layers.size())) {
            throw new IllegalArgumentException("time slots do not match the " + layers.size() + " layers");
        }
        NDArray h = x;
        for (int i = 0; i < layers.size(); i++) {
            long c0 = cpuNanos == null ? 0 : io.voxtok.nn.profile.CpuClock.nanos();
            long t0 = System.nanoTime();
            NDArray next = scoped(layers.get(i), h, false);
            if (h != x) {
                h.close();
            }
            wallNanos[i] += System.nanoTime() - t0;
            if (cpuNanos != null) {
                cpuNanos[i] += io.voxtok.nn.profile.CpuClock.nanos() - c0;
            }
            h = next;
        }
        return h;
    }

    /**
     * Runs items of different lengths, each as if alone.
     *
     * <p>Between two {@link LengthAwareLayer}s the layers run item-major: one item goes through the whole run of
     * per-item layers before the next starts, so only one item's intermediate arrays are alive at a time (at
     * 16 kHz a 10 s item's early activations are tens of MB each; layer-major order kept every item's alive at
     * once). The arithmetic per item is the same in either order.
     *
     * @param items arrays {@code (1, C, L_i)}; not closed
     * @return one output {@code (1, C', T_i)} per item, attached to the items' managers
     */
    public List<NDArray> forwardItems(List<NDArray> items) {
        List<NDArray> current = new ArrayList<>(items);
        boolean owned = false;
        int i = 0;
        while (i < layers.size()) {
            Layer layer = layers.get(i);
            List<NDArray> next;
            int end;
            if (layer instanceof LengthAwareLayer lal && current.size() > 1) {
                next = runBatched(lal, current);
                end = i + 1;
            } else {
                end = i + 1;
                while (end < layers.size() && !(layers.get(end) instanceof LengthAwareLayer && current.size() > 1)) {
                    end++;
                }
                next = new ArrayList<>(current.size());
                for (NDArray item : current) {
                    next.add(runItem(item, i, end));
                }
            }
            if (owned) {
                current.forEach(NDArray::close);
            }
            current = next;
            owned = true;
            i = end;
        }
        return current;
    }

    /** Runs layers {@code [from, to)} on one item, freeing each intermediate as soon as the next layer has it. */
    private NDArray runItem(NDArray item, int from, int to) {
        NDArray h = item;
        for (int k = from; k < to; k++) {
            NDArray out = scoped(layers.get(k), h, false);
            if (h != item && out != h) {
                h.close();
            }
            h = out;
        }
        // the caller closes its inputs; never hand one back as an output
        return h == item ? NdArrays.alias(item) : h;
    }

    /**
     * Runs one layer in its own sub-manager so that its intermediate arrays (padding, activations, partial sums)
     * are freed as soon as it returns, instead of piling up until the caller's manager closes: at 16 kHz one
     * residual block's intermediates on a 10 s window are several hundred MB.
     */
    static NDArray scoped(Layer layer, NDArray in, boolean training) {
        NDManager parent = in.getManager();
        try (NDManager scope = parent.newSubManager()) {
            scope.tempAttachAll(in);
            NDArray out;
            if (layer instanceof StateDictBlock block) {
                out = block.forward(in, training);
            } else if (training) {
                throw new IllegalStateException(layer.getClass().getSimpleName() + " is an inference-only layer");
            } else {
                out = layer.forward(in);
            }
            if (out != in) {
                out.attach(parent);
            }
            return out;
        }
    }

    private static List<NDArray> runBatched(LengthAwareLayer layer, List<NDArray> items) {
        int[] lengths = new int[items.size()];
        int max = 0;
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = NdArrays.dim(items.get(i), 2);
            max = Math.max(max, lengths[i]);
        }
        NDList padded = new NDList(items.size());
        for (int i = 0; i < lengths.length; i++) {
            padded.add(lengths[i] == max ? items.get(i).duplicate()
                    : Padding1d.pad(items.get(i), 0, max - lengths[i], PaddingMode.ZERO));
        }
        List<NDArray> out = new ArrayList<>(items.size());
        try (NDArray batch = NDArrays.concat(padded, 0);
             NDArray y = layer.forward(batch, lengths)) {
            for (int i = 0; i < lengths.length; i++) {
                out.add(y.get(new NDIndex("{}:{}, :, :{}", i, i + 1, lengths[i])));
            }
        } finally {
            padded.close();
        }
        return out;
    }
}
