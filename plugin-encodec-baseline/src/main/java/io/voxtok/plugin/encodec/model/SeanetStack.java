package io.voxtok.plugin.encodec.model;

import ai.djl.ndarray.NDManager;
import io.voxtok.nn.Layer;
import io.voxtok.nn.Sequential;
import io.voxtok.nn.streaming.CausalWindowStream;
import io.voxtok.nn.streaming.LayerStream;
import io.voxtok.nn.streaming.SequentialStream;
import io.voxtok.nn.streaming.StreamableLayer;

import java.util.ArrayList;
import java.util.List;

/**
 * A built SEANet encoder or decoder: its layers in official module order, plus, for a causal network, how each
 * layer streams (left context and stride of a causal layer, or its own state for the LSTM). Immutable and
 * thread-safe; streams opened from it are not.
 */
public final class SeanetStack {
    private final Sequential model;
    private final List<Step> steps;
    private final boolean causal;

    SeanetStack(List<Step> steps, boolean causal) {
        this.steps = List.copyOf(steps);
        this.model = new Sequential(this.steps.stream().map(Step::layer).toList());
        this.causal = causal;
    }

    /** The layers, in official index order. */
    public Sequential model() {
        return model;
    }

    /** Number of layers (the official {@code nn.Sequential} length). */
    public int size() {
        return steps.size();
    }

    /**
     * Opens a stream over the whole stack.
     *
     * @param state manager holding the carried state (owned by the caller)
     * @throws IllegalStateException for a non-causal network
     */
    public LayerStream openStream(NDManager state) {
        if (!causal) {
            throw new IllegalStateException("only a causal SEANet can stream");
        }
        List<LayerStream> streams = new ArrayList<>(steps.size());
        for (Step s : steps) {
            streams.add(s.layer() instanceof StreamableLayer sl ? sl.openStream(state)
                    : new CausalWindowStream(s.layer(), s.context(), s.stride(), state));
        }
        return new SequentialStream(streams);
    }

    /**
     * One layer and its streaming geometry.
     *
     * @param layer   the layer
     * @param context left context in input samples a causal output frame needs besides its own stride
     * @param stride  input samples per output frame
     */
    record Step(Layer layer, int context, int stride) {
    }
}
