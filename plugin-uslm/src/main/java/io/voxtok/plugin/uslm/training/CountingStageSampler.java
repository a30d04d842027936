package io.voxtok.plugin.uslm.training;

/**
 * The official stage stream ({@link PythonRandomStageSampler}) with a count of its draws, so that a trainer can store
 * the count in a checkpoint and {@link #resumeAfter} rebuilds the stream at exactly that point (each draw consumes
 * one {@code random()}; replaying is cheap). Stateful, not thread-safe.
 */
public final class CountingStageSampler implements StageSampler {
    private final long seed;
    private PythonRandomStageSampler stream;
    private long draws;

    /** A fresh stream, {@code random.Random(seed)}. */
    public CountingStageSampler(long seed) {
        this.seed = seed;
        this.stream = new PythonRandomStageSampler(seed);
    }

    @Override
    public int choose(int[] population) {
        draws++;
        return stream.choose(population);
    }

    /** Draws made so far. */
    public long draws() {
        return draws;
    }

    /** Restarts the stream and skips {@code count} draws, as if they had been made. */
    public void resumeAfter(long count) {
        if (count < 0) {
            throw new IllegalArgumentException("negative draw count " + count);
        }
        stream = new PythonRandomStageSampler(seed);
        for (long i = 0; i < count; i++) {
            stream.random();
        }
        draws = count;
    }
}
