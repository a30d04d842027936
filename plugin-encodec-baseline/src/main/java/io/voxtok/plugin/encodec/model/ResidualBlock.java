package io.voxtok.plugin.encodec.model;

import ai.djl.ndarray.NDArray;
import io.voxtok.nn.Layer;

/**
 * {@code y = shortcut(x) + body(x)}: SEANet's residual block when it cannot be the shared
 * {@link io.voxtok.nn.seanet.SeanetResnetBlock} (group-normalised convolutions, or an identity shortcut with
 * {@code true_skip}). Immutable and thread-safe.
 */
final class ResidualBlock implements Layer {
    private final Layer shortcut;
    private final Layer body;

    ResidualBlock(Layer shortcut, Layer body) {
        this.shortcut = shortcut;
        this.body = body;
    }

    @Override
    public NDArray forward(NDArray x) {
        try (NDArray s = shortcut == null ? x.duplicate() : shortcut.forward(x); NDArray b = body.forward(x)) {
            return s.add(b);
        }
    }
}
