package io.voxtok.cli.command;

import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.token.TokenMatrix;
import io.voxtok.api.token.Tokenizer;
import io.voxtok.audio.WavWriter;
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

/** {@code voxtok decode}: token files to WAV. */
@Command(name = "decode", description = "Decode tokens (.vtok or .npy) to 16-bit WAV.")
public final class DecodeCommand implements Callable<Integer> {
    @Mixin
    RuntimeOptions runtime;
    @Mixin
    TokenizerSelection selection;

    @Option(names = "--start-layer", paramLabel = "S",
            description = "for .npy input only: RVQ index of its first layer (the official st); default 0")
    int startLayer;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "output file or directory")
    Path output;

    @Parameters(arity = "1..*", paramLabel = "IN", description = "token files or directories")
    List<Path> inputs;

    @Override
    public Integer call() {
        List<Path> files = InputFiles.expand(inputs, InputFiles.TOKENS);
        try (VoxtokRuntime rt = runtime.start(); ProgressBar bar = new ProgressBar(files.size())) {
            Tokenizer tok = selection.create(rt);
            for (Path f : files) {
                TokenMatrix codes = TokenIo.read(f, tok, startLayer);
                List<AudioBuffer> audio = tok.decodeBatch(codes);
                if (audio.size() == 1) {
                    WavWriter.write(InputFiles.outputFor(f, output, files.size(), "wav"), audio.get(0));
                } else {
                    for (int i = 0; i < audio.size(); i++) {
                        Path dir = InputFiles.extension(output).isEmpty() ? output : output.getParent();
                        WavWriter.write(dir.resolve(InputFiles.stem(f) + "_" + i + ".wav"), audio.get(i));
                    }
                }
                bar.step(f.getFileName().toString());
            }
        }
        return 0;
    }
}
