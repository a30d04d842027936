package io.voxtok.nn.seanet;

import ai.djl.ndarray.NDArray;
import io.voxtok.nn.ParameterLoader;
import io.voxtok.nn.StateDictBlock;
import io.voxtok.nn.conv.StreamableConv1d;

/**
 * SEANet residual block (SPEC 1.5), {@code true_skip = False}:
 * {@code y = shortcut(x) + conv_1(act(conv_k(act(x))))} with hidden width {@code dim / compress} and a
 * 1x1 convolution as shortcut. Children: {@code block.0} (activation), {@code block.1}, {@code block.2},
 * {@code block.3}, {@code shortcut}, as in the official module. Thread-safe when not training.
 */
public final class SeanetResnetBlock extends StateDictBlock {
    private final StateDictBlock act1;
    private final StreamableConv1d conv1;
    private final StateDictBlock act2;
    private final StreamableConv1d conv2;
    private final StreamableConv1d shortcut;

    /** Assembles a block from its parts. */
    public SeanetResnetBlock(StateDictBlock act1, StreamableConv1d conv1, StateDictBlock act2, StreamableConv1d conv2,
                             StreamableConv1d shortcut) {
        this.act1 = child("block.0", act1);
        this.conv1 = child("block.1", conv1);
        this.act2 = child("block.2", act2);
        this.conv2 = child("block.3", conv2);
        this.shortcut = child("shortcut", shortcut);
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
        StateDictBlock a1 = cfg.activation().load(loader, prefix + "block.0.", dim);
        StreamableConv1d c1 = StreamableConv1d.load(loader, prefix + "block.1.conv.conv.", dim, hidden,
                cfg.residualKernelSize(), 1, dilation, cfg.causal(), cfg.padMode());
        StateDictBlock a2 = cfg.activation().load(loader, prefix + "block.2.", hidden);
        StreamableConv1d c2 = StreamableConv1d.load(loader, prefix + "block.3.conv.conv.", hidden, dim, 1, 1, 1,
                cfg.causal(), cfg.padMode());
        StreamableConv1d sc = StreamableConv1d.load(loader, prefix + "shortcut.conv.conv.", dim, dim, 1, 1, 1,
                cfg.causal(), cfg.padMode());
        return new SeanetResnetBlock(a1, c1, a2, c2, sc);
    }

    /** The first convolution ({@code block.1}, kernel {@code residual_kernel_size}, to the hidden width). */
    public StreamableConv1d firstConv() {
        return conv1;
    }

    /** The second convolution ({@code block.3}, 1x1, back to the block's width). */
    public StreamableConv1d secondConv() {
        return conv2;
    }

    /** The 1x1 shortcut convolution. */
    public StreamableConv1d shortcut() {
        return shortcut;
    }

    /** {@inheritDoc} */
    @Override
    public NDArray forward(NDArray x, boolean training) {
        try (NDArray s = shortcut.forward(x, training);
             NDArray h1 = act1.forward(x, training);
             NDArray h2 = conv1.forward(h1, training);
             NDArray h3 = act2.forward(h2, training);
             NDArray h4 = conv2.forward(h3, training)) {
            return s.add(h4);
        }
    }
}
