package io.voxtok.nn.seanet;

import ai.djl.ndarray.NDArray;
import io.voxtok.nn.Layer;
import io.voxtok.nn.ParameterLoader;
import io.voxtok.nn.conv.StreamableConv1d;

/**
 * SEANet residual block (SPEC 1.5), {@code true_skip = False}:
 * {@code y = shortcut(x) + conv_1(act(conv_k(act(x))))} with hidden width {@code dim / compress} and a
 * 1x1 convolution as shortcut. Keys: {@code block.1}, {@code block.3}, {@code shortcut} (and
 * {@code block.0/2.alpha} with Snake). Immutable and thread-safe.
 */
public final class SeanetResnetBlock implements Layer {
    private final Layer act1;
    private final StreamableConv1d conv1;
    private final Layer act2;
    private final StreamableConv1d conv2;
    private final StreamableConv1d shortcut;

    /** Assembles a block from its parts. */
    public SeanetResnetBlock(Layer act1, StreamableConv1d conv1, Layer act2, StreamableConv1d conv2,
                             StreamableConv1d shortcut) {
        this.act1 = act1;
        this.conv1 = conv1;
        this.act2 = act2;
        this.conv2 = conv2;
        this.shortcut = shortcut;
    }

    /**
     * Loads a block.
     *
     * @param prefix   the block's key prefix with trailing dot, e.g. {@code "encoder.model.1."}
     * @param dim      channels
     * @param dilation dilation of the first convolution
     */
    public static SeanetResnetBlock load(ParameterLoader loader, String prefix, SeanetConfig cfg, int dim,
                                         int dilation) {
        int hidden = dim / cfg.compress();
        Layer a1 = cfg.activation().load(loader, prefix + "block.0.", dim);
        StreamableConv1d c1 = StreamableConv1d.load(loader, prefix + "block.1.conv.conv.", dim, hidden,
                cfg.residualKernelSize(), 1, dilation, cfg.causal(), cfg.padMode());
        Layer a2 = cfg.activation().load(loader, prefix + "block.2.", hidden);
        StreamableConv1d c2 = StreamableConv1d.load(loader, prefix + "block.3.conv.conv.", hidden, dim, 1, 1, 1,
                cfg.causal(), cfg.padMode());
        StreamableConv1d sc = StreamableConv1d.load(loader, prefix + "shortcut.conv.conv.", dim, dim, 1, 1, 1,
                cfg.causal(), cfg.padMode());
        return new SeanetResnetBlock(a1, c1, a2, c2, sc);
    }

    /** {@inheritDoc} */
    @Override
    public NDArray forward(NDArray x) {
        try (NDArray s = shortcut.forward(x);
             NDArray h1 = act1.forward(x);
             NDArray h2 = conv1.forward(h1);
             NDArray h3 = act2.forward(h2);
             NDArray h4 = conv2.forward(h3)) {
            return s.add(h4);
        }
    }
}
