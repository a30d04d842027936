package io.voxtok.nn.profile;

import java.util.List;

/**
 * Measured time of one engine primitive called on its own ({@link OpBenchmark}).
 *
 * @param op         the primitive and its shape
 * @param seconds    wall time of every timed call
 * @param median     median of {@code seconds}
 * @param cpuSeconds process CPU time of every timed call (all threads, {@link CpuClock})
 * @param cpuMedian  median of {@code cpuSeconds}
 */
public record OpTiming(ComputeOp op, List<Double> seconds, double median, List<Double> cpuSeconds, double cpuMedian) {
    /** Copies the lists. */
    public OpTiming {
        seconds = List.copyOf(seconds);
        cpuSeconds = List.copyOf(cpuSeconds);
    }

    /** Achieved GFLOP/s of the primitive: the engine's own rate on this shape. */
    public double gflopPerSecond() {
        return median > 0 ? op.flops() / median / 1e9 : 0;
    }
}
