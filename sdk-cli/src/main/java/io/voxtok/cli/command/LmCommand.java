package io.voxtok.cli.command;

import picocli.CommandLine.Command;

/** {@code voxtok lm}: token language models (USLM, VALL-E). */
@Command(name = "lm", description = "Token language models (USLM, VALL-E): generation.",
        subcommands = {LmGenerateCommand.class})
public final class LmCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
