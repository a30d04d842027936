package io.voxtok.bench.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
 * @param unitsTrain    most train-split utterances k-means units are fitted on
 * @param tsnePoints    most points per t-SNE plot
 * @param probeTrain    most training utterances of probes (text alignment)
 * @param probeDev      most dev utterances of probes
 * @param benchmarkOptions per benchmark name, options passed to its factory (copied)
 * @param commandLine   the command line, for the manifest (copied)
 */
public record BenchOptions(Path corpus, String split, String preset, List<String> benchmarks, Path output, Path cache,
                           int maxUtterances, long seed, int unitsK, int unitsTrain, int tsnePoints, int probeTrain, int probeDev,
                           Map<String, Map<String, String>> benchmarkOptions, List<String> commandLine) {
    /** Validates and copies. */
    public BenchOptions {
        if (!List.of("small", "paper").contains(preset)) {
            throw new IllegalArgumentException("--preset must be small or paper, got " + preset);
        }
        if (!List.of("train", "dev", "test", "all").contains(split)) {
            throw new IllegalArgumentException("--split must be train, dev, test or all, got " + split);
        }
        if (maxUtterances < 1 || unitsK < 2 || tsnePoints < 10 || probeTrain < 1 || probeDev < 1
                || unitsTrain < 1) {
            throw new IllegalArgumentException("need --max-utterances >= 1, --units-k >= 2, t-SNE points >= 10,"
                    + " --probe-train, --probe-dev and --units-train >= 1");
        }
        benchmarks = List.copyOf(benchmarks);
        java.util.Map<String, Map<String, String>> opts = new java.util.TreeMap<>();
        benchmarkOptions.forEach((k, v) -> opts.put(k, java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(v))));
        benchmarkOptions = java.util.Collections.unmodifiableMap(opts);
        commandLine = List.copyOf(commandLine);
    }
}
