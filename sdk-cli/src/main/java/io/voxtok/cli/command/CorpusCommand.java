package io.voxtok.cli.command;

import picocli.CommandLine.Command;

/** {@code voxtok corpus}: build and inspect speech corpora. */
@Command(name = "corpus", description = "Build (synth) and inspect (stats) speech corpora.",
        subcommands = {CorpusSynthCommand.class, CorpusStatsCommand.class})
public final class CorpusCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
