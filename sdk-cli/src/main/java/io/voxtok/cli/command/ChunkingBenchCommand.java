package io.voxtok.cli.command;

import io.voxtok.api.ComponentConfig;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.token.TokenMatrix;
import io.voxtok.api.token.Tokenizer;
import io.voxtok.api.token.TokenizerOptions;
import io.voxtok.audio.AudioReader;
import io.voxtok.cli.support.RuntimeOptions;
import io.voxtok.cli.support.TokenizerSelection;
import io.voxtok.runtime.VoxtokRuntime;
import io.voxtok.runtime.bench.SpeedBenchmark;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code voxtok bench chunking}: how many codes windowed (chunked) encoding shares with whole-file encoding, per
 * layer, for tokenizers that take the {@code chunking=off|on} option (SpeechTokenizer). The input is the given
 * audio files joined end to end (e.g. a minute of corpus speech), or synthetic speech.
 */
@Command(name = "chunking", description = "Share of codes equal between chunked and whole-file encoding.")
public final class ChunkingBenchCommand implements Callable<Integer> {
    @Mixin
    RuntimeOptions runtime;
    @Mixin
    TokenizerSelection selection;

    @Option(names = "--config", paramLabel = "CONFIG.json", description = "model configuration for --random-init")
    Path modelConfig;

    @Option(names = "--random-init", description = "random weights from the configuration")
    boolean randomInit;

    @Option(names = "--seconds", defaultValue = "60", description = "audio length used (default 60)")
    double seconds;

    @Parameters(arity = "0..*", paramLabel = "IN", description = "audio files joined end to end (default: synthetic)")
    List<Path> inputs = new ArrayList<>();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (randomInit) {
            selection.options.put(TokenizerOptions.RANDOM_INIT, "true");
        }
        if (modelConfig != null) {
            // A file path, or a configuration name the plugin knows (e.g. encodec_24khz).
            selection.options.put(TokenizerOptions.CONFIG_FILE, java.nio.file.Files.exists(modelConfig)
                    ? modelConfig.toAbsolutePath().toString() : modelConfig.toString());
        }
        PrintWriter out = spec.commandLine().getOut();
        try (VoxtokRuntime rt = runtime.start()) {
            ComponentConfig base = selection.config();
            Tokenizer whole = rt.createTokenizer(selection.tokenizer, base.with("chunking", "off"));
            Tokenizer chunked = rt.createTokenizer(selection.tokenizer, base.with("chunking", "on"));
            AudioBuffer audio = input(whole.spec().sampleRate());
            long t0 = System.nanoTime();
            TokenMatrix a = whole.encode(audio);
            double tw = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            TokenMatrix b = chunked.encode(audio);
            double tc = (System.nanoTime() - t0) / 1e9;
            out.printf("%s, %.1f s of audio, %d frames; chunking: %s%n", whole.producer(), audio.seconds(), a.frames(),
                    chunked.tokenMetadata().getOrDefault("chunking", "?"));
            long same = 0;
            for (int l = 0; l < a.layers(); l++) {
                long s = 0;
                for (int f = 0; f < a.frames(); f++) {
                    s += a.code(l, 0, f) == b.code(l, 0, f) ? 1 : 0;
                }
                same += s;
                out.printf("  RVQ-%d: %.2f %% equal%n", l + 1, 100.0 * s / a.frames());
            }
            out.printf("  all layers: %.2f %% equal; whole-file %.2f s, chunked %.2f s%n",
                    100.0 * same / ((long) a.layers() * a.frames()), tw, tc);
        }
        out.flush();
        return 0;
    }

    private AudioBuffer input(int rate) {
        int n = (int) Math.round(seconds * rate);
        if (inputs.isEmpty()) {
            return SpeedBenchmark.syntheticSpeech(rate, 1, seconds, 7);
        }
        float[] x = new float[n];
        int filled = 0;
        while (filled < n) {
            for (Path p : inputs) {
                float[] s = AudioReader.readAs(p, rate, 1).toArray();
                int k = Math.min(s.length, n - filled);
                System.arraycopy(s, 0, x, filled, k);
                filled += k;
                if (filled == n) {
                    break;
                }
            }
        }
        return AudioBuffer.ofMono(x, rate);
    }
}
