package io.voxtok.cli.command;

import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.token.LayerRange;
import io.voxtok.api.token.Tokenizer;
import io.voxtok.api.token.TokenizerSpec;
import io.voxtok.audio.AudioReader;
import io.voxtok.audio.WavWriter;
import io.voxtok.cli.support.InputFiles;
import io.voxtok.cli.support.ProgressBar;
import io.voxtok.cli.support.RuntimeOptions;
import io.voxtok.cli.support.TokenizerSelection;
import io.voxtok.runtime.VoxtokRuntime;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code voxtok resynth}: encode then decode, to hear what the tokens keep. */
@Command(name = "resynth", description = "Encode and decode audio (resynthesis) to WAV.")
public final class ResynthCommand implements Callable<Integer> {
    @Mixin
    RuntimeOptions runtime;
    @Mixin
    TokenizerSelection selection;

    @Option(names = "--n-q", paramLabel = "N", description = "number of leading layers kept (default all)")
    Integer nq;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "output file or directory")
    Path output;

    @Parameters(arity = "1..*", paramLabel = "IN", description = "audio files or directories")
    List<Path> inputs;

    @Override
    public Integer call() {
        List<Path> files = InputFiles.expand(inputs, InputFiles.AUDIO);
        try (VoxtokRuntime rt = runtime.start(); ProgressBar bar = new ProgressBar(files.size())) {
            Tokenizer tok = selection.create(rt);
            TokenizerSpec spec = tok.spec();
            LayerRange layers = LayerRange.first(nq == null ? spec.numLayers() : nq);
            for (Path f : files) {
                AudioBuffer audio = AudioReader.readAs(f, spec.sampleRate(), spec.channels());
                AudioBuffer out = tok.decode(tok.encode(audio, layers));
                WavWriter.write(InputFiles.outputFor(f, output, files.size(), "wav"), out);
                bar.step(f.getFileName().toString());
            }
        }
        return 0;
    }
}
