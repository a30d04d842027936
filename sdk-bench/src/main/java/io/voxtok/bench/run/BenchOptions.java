package io.voxtok.bench.run;

import java.nio.file.Path;
import java.util.List;

/**
 * Settings of a {@code bench tokenizers} run.
 *
 * @param corpus        corpus folder (manifest.jsonl + audio)
 * @param split         {@code train}, {@code dev}, {@code test} or {@code all}
 * @param preset        {@code small} or {@code paper}
 * @param benchmarks    benchmark names to run; empty = every loaded benchmark
 * @param output        report folder
 * @param cache         token cache folder
 * @param maxUtterances most utterances used
 * @param seed          seed of every random choice
 * @param unitsK        clusters of k-means-unit subjects
 * @param tsnePoints    most points per t-SNE plot
 * @param commandLine   the command line, for the manifest (copied)
 */
public record BenchOptions(Path corpus, String split, String preset, List<String> benchmarks, Path output, Path cache,
                           int maxUtterances, long seed, int unitsK, int tsnePoints, List<String> commandLine) {
    /** Validates and copies. */
    public BenchOptions {
        if (!List.of("small", "paper").contains(preset)) {
            throw new IllegalArgumentException("--preset must be small or paper, got " + preset);
        }
        if (!List.of("train", "dev", "test", "all").contains(split)) {
            throw new IllegalArgumentException("--split must be train, dev, test or all, got " + split);
        }
        if (maxUtterances < 1 || unitsK < 2 || tsnePoints < 10) {
            throw new IllegalArgumentException("need --max-utterances >= 1, --units-k >= 2, t-SNE points >= 10");
        }
        benchmarks = List.copyOf(benchmarks);
        commandLine = List.copyOf(commandLine);
    }
}
