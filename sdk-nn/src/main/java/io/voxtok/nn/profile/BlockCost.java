package io.voxtok.nn.profile;

import java.util.List;

/**
 * The analytic cost of one top-level block of a model for a given input shape: its output shape, its FLOPs and the
 * engine primitives it runs. Element-wise work (activations, padding, additions, layout changes) is not counted,
 * so a block whose time far exceeds what its primitives need spends it there.
 *
 * @param name        block name with its official module index, e.g. {@code "3 conv k4 s2 64->128"}
 * @param inputShape  input array shape
 * @param outputShape output array shape
 * @param flops       useful FLOPs (a transposed convolution counts its own multiply-adds, not the slightly larger
 *                    polyphase convolution it runs as)
 * @param ops         the primitives the block calls, in order (empty for element-wise blocks)
 */
public record BlockCost(String name, List<Long> inputShape, List<Long> outputShape, double flops,
                        List<ComputeOp> ops) {
    /** Copies the lists. */
    public BlockCost {
        inputShape = List.copyOf(inputShape);
        outputShape = List.copyOf(outputShape);
        ops = List.copyOf(ops);
    }

    /** FLOPs of the primitives as run (may exceed {@link #flops()} for the polyphase transposed convolution). */
    public double opFlops() {
        return ops.stream().mapToDouble(ComputeOp::flops).sum();
    }
}
