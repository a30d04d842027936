package io.voxtok.nn.profile;

import java.util.List;

/**
 * Measured time of one engine primitive called on its own ({@link OpBenchmark}).
 *
 * @param op      the primitive and its shape
 * @param seconds every timed call
 * @param median  median of {@code seconds}
 */
public record OpTiming(ComputeOp op, List<Double> seconds, double median) {
    /** Copies the list. */
    public OpTiming {
        seconds = List.copyOf(seconds);
    }

    /** Achieved GFLOP/s of the primitive: the engine's own rate on this shape. */
    public double gflopPerSecond() {
        return median > 0 ? op.flops() / median / 1e9 : 0;
    }
}
