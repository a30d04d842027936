package io.voxtok.cli.command;

import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.token.LayerRange;
import io.voxtok.api.token.Tokenizer;
import io.voxtok.audio.AudioReader;
import io.voxtok.audio.WavWriter;
import io.voxtok.cli.support.RuntimeOptions;
import io.voxtok.cli.support.TokenizerSelection;
import io.voxtok.runtime.VoxtokRuntime;
import io.voxtok.runtime.convert.VoiceConverter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code voxtok vc}: one-shot voice conversion by swapping RVQ-2..8 (paper section 5.2). */
@Command(name = "vc", description = "Voice conversion: RVQ-1 of the source with RVQ-2..8 of the reference.")
public final class VoiceConversionCommand implements Callable<Integer> {
    @Mixin
    RuntimeOptions runtime;
    @Mixin
    TokenizerSelection selection;

    @Option(names = "--source", required = true, paramLabel = "A.wav", description = "whose words to keep")
    Path source;

    @Option(names = "--reference", required = true, paramLabel = "B.wav", description = "whose voice to take")
    Path reference;

    @Option(names = "--reference-layers", paramLabel = "A:B", defaultValue = "2:8",
            description = "1-based inclusive RVQ layers taken from the reference (default 2:8)")
    String referenceLayers;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.wav")
    Path output;

    @Override
    public Integer call() {
        LayerRange layers = LayerRange.parseOneBased(referenceLayers);
        try (VoxtokRuntime rt = runtime.start()) {
            Tokenizer tok = selection.create(rt);
            int rate = tok.spec().sampleRate();
            int ch = tok.spec().channels();
            AudioBuffer a = AudioReader.readAs(source, rate, ch);
            AudioBuffer b = AudioReader.readAs(reference, rate, ch);
            WavWriter.write(output, VoiceConverter.convert(tok, a, b, layers));
        }
        return 0;
    }
}
