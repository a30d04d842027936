package io.voxtok.cli.command;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code voxtok analyze}: what tokens and converted audio carry (phone content, speaker identity). */
@Command(name = "analyze", description = "Measure what tokens carry: phone content per RVQ layer and speaker"
        + " identity ('analyze tokens'), and whose voice converted audio has ('analyze speakers').",
        subcommands = {AnalyzeTokensCommand.class, AnalyzeSpeakersCommand.class})
public final class AnalyzeCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        // No action of its own: name a subcommand. Usage on stderr with exit code 2, like any usage error.
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: tokens or speakers");
    }
}
