package io.voxtok.cli.command;

import picocli.CommandLine.Command;

/** {@code voxtok bench}: benchmarks. */
@Command(name = "bench", description = "Benchmarks (speed, chunking, training step, KV cache, SLMTokBench tokenizer report).",
        subcommands = {SpeedBenchCommand.class, BenchTokenizersCommand.class, ChunkingBenchCommand.class, TrainStepBenchCommand.class,
                LmCacheBenchCommand.class})
public final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
