package io.voxtok.cli.command;

import picocli.CommandLine.Command;

/** {@code voxtok lm}: speech language models (USLM / VALL-E) over a tokenizer's codes. */
@Command(name = "lm", description = "Speech language models (USLM / VALL-E): prepare token corpora, generate, score, "
        + "evaluate zero-shot TTS.",
        subcommands = {LmPrepareCommand.class, LmGenerateCommand.class, LmScoreCommand.class, LmEvalTtsCommand.class})
public final class LmCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
