package io.voxtok.runtime.bench;

import io.voxtok.nn.profile.OpTiming;

import java.util.List;

/**
 * One engine primitive measured on its own, as reported: kind, shape, FLOPs, median time and the engine's rate.
 *
 * @param kind           {@code conv1d}, {@code matmul} or {@code lstm}
 * @param shape          the shape in words
 * @param gflop          GFLOP of one call
 * @param medianSeconds  median call time
 * @param cpuSeconds     median process CPU time of a call (all threads)
 * @param gflopPerSecond the engine's rate on this shape
 * @param seconds        every timed call
 */
public record OpPeak(String kind, String shape, double gflop, double medianSeconds, double cpuSeconds,
                     double gflopPerSecond,
                     List<Double> seconds) {
    /** Copies the list. */
    public OpPeak {
        seconds = List.copyOf(seconds);
    }

    /** The report form of a measurement. */
    public static OpPeak of(OpTiming t) {
        return new OpPeak(t.op().kind(), t.op().describe(), t.op().flops() / 1e9, t.median(), t.cpuMedian(),
                t.gflopPerSecond(),
                t.seconds());
    }
}
