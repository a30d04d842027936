package io.voxtok.cli.command;

import io.voxtok.api.speaker.SpeakerEncoder;
import io.voxtok.audio.AudioReader;
import io.voxtok.cli.support.RuntimeOptions;
import io.voxtok.cli.support.SpeakerEncoderSelection;
import io.voxtok.metrics.speaker.SpeakerTrials;
import io.voxtok.runtime.VoxtokRuntime;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code voxtok speaker similarity A B}: the cosine similarity of two recordings' speaker embeddings. */
@Command(name = "similarity", description = "Cosine similarity of the speaker embeddings of two recordings (1 = same"
        + " direction; compare values only from one encoder).")
public final class SpeakerSimilarityCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Mixin
    RuntimeOptions runtime;
    @Mixin
    SpeakerEncoderSelection encoder;

    @Parameters(index = "0", paramLabel = "A", description = "first audio file (WAV or FLAC; resampled, mixed to mono)")
    Path first;

    @Parameters(index = "1", paramLabel = "B", description = "second audio file")
    Path second;

    @Override
    public Integer call() {
        try (VoxtokRuntime rt = runtime.start()) {
            SpeakerEncoder enc = encoder.create(rt);
            int rate = enc.spec().sampleRate();
            float[] a = embed(enc, first, rate);
            float[] b = embed(enc, second, rate);
            spec.commandLine().getOut().printf(Locale.ROOT, "%.6f%n", SpeakerTrials.cosine(a, b));
        }
        return 0;
    }

    private static float[] embed(SpeakerEncoder enc, Path file, int rate) {
        try {
            return enc.embed(AudioReader.readAs(file, rate, 1).toArray());
        } catch (io.voxtok.api.VoxtokException e) {
            throw e.getMessage().contains(file.toString()) ? e
                    : io.voxtok.api.VoxtokException.userInput(file + ": " + e.getMessage());
        }
    }
}
