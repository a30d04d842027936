package io.voxtok.cli.command;

import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.token.LayerRange;
import io.voxtok.api.token.TokenMatrix;
import io.voxtok.api.token.Tokenizer;
import io.voxtok.api.token.TokenizerSpec;
import io.voxtok.audio.AudioReader;
import io.voxtok.cli.support.InputFiles;
import io.voxtok.cli.support.ProgressBar;
import io.voxtok.cli.support.RuntimeOptions;
import io.voxtok.cli.support.TokenIo;
import io.voxtok.cli.support.TokenizerSelection;
import io.voxtok.runtime.VoxtokRuntime;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code voxtok encode}: audio files to tokens ({@code .vtok} or {@code .npy}). */
@Command(name = "encode", description = "Encode audio (WAV/FLAC, any rate: resampled) to tokens.")
public final class EncodeCommand implements Callable<Integer> {
    @Mixin
    RuntimeOptions runtime;
    @Mixin
    TokenizerSelection selection;

    @Option(names = "--n-q", paramLabel = "N", description = "end layer (exclusive, like the official n_q); default all")
    Integer nq;

    @Option(names = "--start-layer", paramLabel = "S", description = "first layer, 0-based (the official st); default 0")
    int startLayer;

    @Option(names = "--format", paramLabel = "EXT", description = "vtok or npy when -o is a directory (default vtok)")
    String format = "vtok";

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
            LayerRange layers = LayerRange.of(startLayer, nq == null ? spec.numLayers() : nq);
            if (layers.end() > spec.numLayers()) {
                throw new IllegalArgumentException("--n-q " + layers.end() + " exceeds the tokenizer's " + spec.numLayers()
                        + " layers");
            }
            for (Path f : files) {
                AudioBuffer audio = AudioReader.readAs(f, spec.sampleRate(), spec.channels());
                TokenMatrix codes = tok.encode(audio, layers);
                Path out = InputFiles.outputFor(f, output, files.size(), format);
                java.util.Map<String, String> meta = new java.util.LinkedHashMap<>(tok.tokenMetadata());
                meta.put("source", f.getFileName().toString());
                TokenIo.write(out, codes, spec, meta);
                bar.step(f.getFileName().toString());
            }
        }
        return 0;
    }
}
