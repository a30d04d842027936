package io.voxtok.cli.command;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code voxtok speaker}: speaker embeddings: verification EER on a corpus split, similarity of two files. */
@Command(name = "speaker", description = "Speaker encoders: the equal error rate of same/different-speaker trials on"
        + " a corpus split ('speaker eer') and the similarity of two recordings ('speaker similarity').",
        subcommands = {SpeakerEerCommand.class, SpeakerSimilarityCommand.class})
public final class SpeakerCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        // No action of its own: name a subcommand. Usage on stderr with exit code 2, like any usage error.
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: eer or similarity");
    }
}
