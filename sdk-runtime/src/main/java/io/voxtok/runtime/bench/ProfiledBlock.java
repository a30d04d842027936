package io.voxtok.runtime.bench;

import java.util.List;

/**
 * One block of a profiled pass, as reported.
 *
 * @param name           block name (official module index and what it is)
 * @param inputShape     input shape
 * @param outputShape    output shape
 * @param gflop          counted GFLOP
 * @param medianSeconds  median wall time
 * @param cpuSeconds     median process CPU time (all threads; on a shared machine wall time can far exceed
 *                       CPU time / threads)
 * @param shareOfPass    share of the pass's median total time
 * @param gflopPerSecond achieved rate (0 for blocks without counted FLOPs)
 * @param engineSeconds  the block's primitives measured alone (sum of their medians), or -1 when not measured
 * @param engineShare    {@code engineSeconds / medianSeconds}: how close the block runs to its primitives; -1 for
 *                       a block without primitives or when not measured
 * @param ops            the primitives, in words
 */
public record ProfiledBlock(String name, List<Long> inputShape, List<Long> outputShape, double gflop,
                            double medianSeconds, double cpuSeconds, double shareOfPass, double gflopPerSecond, double engineSeconds,
                            double engineShare, List<String> ops) {
    /** Copies the lists. */
    public ProfiledBlock {
        inputShape = List.copyOf(inputShape);
        outputShape = List.copyOf(outputShape);
        ops = List.copyOf(ops);
    }
}
