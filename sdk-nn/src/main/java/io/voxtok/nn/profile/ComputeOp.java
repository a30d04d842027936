package io.voxtok.nn.profile;

/**
 * One engine primitive with a fixed shape, as a block of the model runs it: a convolution, a matrix product or a
 * native LSTM layer. Its FLOP count is analytic (two per multiply-add); element-wise work is not counted.
 * Immutable; equal shapes are equal ops, so a benchmark measures each shape once.
 */
public sealed interface ComputeOp permits Conv1dOp, MatmulOp, LstmOp {
    /** Floating-point operations of one call (multiply-adds times two). */
    double flops();

    /** Short kind name for reports: {@code conv1d}, {@code matmul}, {@code lstm}. */
    String kind();

    /** Human-readable shape, e.g. {@code conv1d B1 64->32 k3 s1 d1, 160000 outputs}. */
    String describe();
}
