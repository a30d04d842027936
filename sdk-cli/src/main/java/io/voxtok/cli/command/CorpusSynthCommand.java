package io.voxtok.cli.command;

import io.voxtok.data.synth.CorpusSynthesisOptions;
import io.voxtok.data.synth.CorpusSynthesizer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code voxtok corpus synth}: a multi-speaker English corpus with known text, phonemes and phone alignments, made
 * offline with the flite and festival synthesisers (Debian packages {@code flite}, {@code festival} and its
 * {@code festvox-*} voices) and sox. Resumable.
 */
@Command(name = "synth", description = "Synthesise a multi-speaker corpus with text and phone alignments (flite and festival).")
public final class CorpusSynthCommand implements Callable<Integer> {
    @Option(names = "--hours", defaultValue = "1", description = "target hours of speech (default 1)")
    double hours;

    @Option(names = "--speakers", defaultValue = "20", description = "number of speakers (default 20)")
    int speakers;

    @Option(names = "--workers", defaultValue = "2", description = "parallel synthesis workers (default 2)")
    int workers;

    @Option(names = "--seed", defaultValue = "1", description = "seed for sentences and speaker plan (default 1)")
    long seed;

    @Option(names = "--wav", description = "write WAV instead of FLAC")
    boolean wav;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "corpus directory")
    Path output;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        long t0 = System.nanoTime();
        CorpusSynthesisOptions o = new CorpusSynthesisOptions(output, hours, speakers, !wav, workers, seed);
        Path manifest = new CorpusSynthesizer().build(o,
                (done, total) -> System.err.printf("\r%d/%d utterances", done, total));
        System.err.println();
        spec.commandLine().getOut().printf("wrote %s in %.0f s%n", manifest, (System.nanoTime() - t0) / 1e9);
        return 0;
    }
}
