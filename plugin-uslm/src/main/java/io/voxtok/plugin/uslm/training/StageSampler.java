package io.voxtok.plugin.uslm.training;

/**
 * Draws the NAR stage(s) a training forward trains, from a population with equal weights. Injectable so that
 * tests force a stage and trainers choose the stream; implementations are stateful streams owned by one model
 * instance (not thread-safe).
 */
@FunctionalInterface
public interface StageSampler {
    /**
     * One uniform draw, {@code rng.choices(population, weights=[1/n]*n, k=1)[0]} in the official code.
     *
     * @param population candidate stages in order (e.g. 2..7)
     * @return one element of {@code population}
     */
    int choose(int[] population);

    /** A sampler that always returns {@code stage} (which must be in the population). */
    static StageSampler fixed(int stage) {
        return population -> {
            for (int p : population) {
                if (p == stage) {
                    return stage;
                }
            }
            throw new IllegalArgumentException("forced stage " + stage + " is not among " + java.util.Arrays.toString(population));
        };
    }

    /** The official per-instance stream: Python's {@code random.Random(0)}, reproduced exactly. */
    static StageSampler official() {
        return new PythonRandomStageSampler(0);
    }
}
