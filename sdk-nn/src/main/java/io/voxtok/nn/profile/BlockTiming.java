package io.voxtok.nn.profile;

import java.util.List;

/**
 * Measured wall time of one block next to its analytic cost.
 *
 * @param cost       what the block computes
 * @param seconds    wall time of every timed run
 * @param median     median of {@code seconds}
 * @param cpuSeconds process CPU time of every timed run (all threads; see {@link CpuClock})
 * @param cpuMedian  median of {@code cpuSeconds}
 */
public record BlockTiming(BlockCost cost, List<Double> seconds, double median, List<Double> cpuSeconds,
                          double cpuMedian) {
    /** Copies the lists. */
    public BlockTiming {
        seconds = List.copyOf(seconds);
        cpuSeconds = List.copyOf(cpuSeconds);
    }

    /** Achieved GFLOP/s ({@code flops / median}), 0 for blocks without counted FLOPs. */
    public double gflopPerSecond() {
        return median > 0 ? cost.flops() / median / 1e9 : 0;
    }
}
