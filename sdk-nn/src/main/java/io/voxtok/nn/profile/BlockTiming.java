package io.voxtok.nn.profile;

import java.util.List;

/**
 * Measured wall time of one block next to its analytic cost.
 *
 * @param cost    what the block computes
 * @param seconds every timed run
 * @param median  median of {@code seconds}
 */
public record BlockTiming(BlockCost cost, List<Double> seconds, double median) {
    /** Copies the list. */
    public BlockTiming {
        seconds = List.copyOf(seconds);
    }

    /** Achieved GFLOP/s ({@code flops / median}), 0 for blocks without counted FLOPs. */
    public double gflopPerSecond() {
        return median > 0 ? cost.flops() / median / 1e9 : 0;
    }
}
