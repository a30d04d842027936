package io.voxtok.nn.seanet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import io.voxtok.nn.ParameterLoader;
import io.voxtok.nn.StateDictBlock;
import io.voxtok.nn.conv.StreamableConv1d;

/**
 * SEANet residual block (SPEC 1.5), {@code true_skip = False}:
 * {@code y = shortcut(x) + conv_1(act(conv_k(act(x))))} with hidden width {@code dim / compress} and a
 * 1x1 convolution as shortcut. Children: {@code block.0} (activation), {@code block.1}, {@code block.2},
 * {@code block.3}, {@code shortcut}, as in the official module.
 *
 * <p>Once frozen, the two 1x1 convolutions that end the block run as one: {@code shortcut(x) + conv_1(h)} is a
 * 1x1 convolution of {@code [x ; h]} with the weights side by side and the biases added. At 24 kHz with 32
 * channels the block is memory-bound, and one convolution over the stacked input reads and reorders less than
 * two plus the sum (about 20 % of the block); the result differs by float rounding only. Thread-safe when not
 * training.
 */
public final class SeanetResnetBlock extends StateDictBlock {
    private static final Shape UNIT = new Shape(1);
    private static final Shape ZERO_PADDING = new Shape(0);
    private final StateDictBlock act1;
    private final StreamableConv1d conv1;
    private final StateDictBlock act2;
    private final StreamableConv1d conv2;
    private final StreamableConv1d shortcut;
    /** {@code [dim, dim + hidden, 1]}: the shortcut's weight, then the second convolution's; set by {@link #freeze()}. */
    private NDArray mergedWeight;
    private NDArray mergedBias;

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

    /**
     * Whether the block runs its shortcut and second 1x1 convolution as one convolution over {@code [x; h]} (set
     * by freezing when both are pointwise).
     */
    public boolean runsMerged() {
        return mergedWeight != null;
    }

    /** {@inheritDoc} */
    @Override
    public NDArray forward(NDArray x, boolean training) {
        if (mergedWeight != null) {
            checkTrainable(training);
            return forwardMerged(x);
        }
        try (NDArray s = shortcut.forward(x, training);
             NDArray h1 = act1.forward(x, training);
             NDArray h2 = conv1.forward(h1, training);
             NDArray h3 = act2.forward(h2, training);
             NDArray h4 = conv2.forward(h3, training)) {
            return s.add(h4);
        }
    }

    private NDArray forwardMerged(NDArray x) {
        try (NDArray h1 = act1.forward(x, false);
             NDArray h2 = conv1.forward(h1, false);
             NDArray h3 = act2.forward(h2, false);
             NDArray stacked = NDArrays.concat(new NDList(x, h3), 1)) {
            return stacked.getNDArrayInternal()
                    .convolution(stacked, mergedWeight, mergedBias, UNIT, ZERO_PADDING, UNIT, 1)
                    .singletonOrThrow();
        }
    }

    @Override
    protected void freeze() {
        // children are frozen first: their weights are folded and stay valid
        if (!pointwise(conv2) || !pointwise(shortcut)) {
            return;
        }
        mergedWeight = NDArrays.concat(new NDList(shortcut.weight(), conv2.weight()), 1);
        NDArray bs = shortcut.bias();
        NDArray b2 = conv2.bias();
        mergedBias = bs == null ? (b2 == null ? null : b2.duplicate()) : (b2 == null ? bs.duplicate() : bs.add(b2));
    }

    /** A 1x1, stride-1, ungrouped convolution: no padding, so a plain conv1d. */
    private static boolean pointwise(StreamableConv1d c) {
        return c.kernelSize() == 1 && c.stride() == 1 && c.dilation() == 1
                && c.inChannels() == c.weight().getShape().get(1);
    }
}
