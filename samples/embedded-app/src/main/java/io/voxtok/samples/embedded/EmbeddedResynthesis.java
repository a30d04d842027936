package io.voxtok.samples.embedded;

import io.voxtok.api.ComponentConfig;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.token.TokenMatrix;
import io.voxtok.api.token.Tokenizer;
import io.voxtok.audio.AudioReader;
import io.voxtok.audio.WavWriter;
import io.voxtok.runtime.VoxtokRuntime;
import io.voxtok.runtime.config.RuntimeConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * An application that embeds the Voxtok runtime and enables a single plugin: only that plugin's classes are
 * loaded, whatever else sits in the plugins directory.
 *
 * <pre>java -cp ... io.voxtok.samples.embedded.EmbeddedResynthesis PLUGINS_DIR PLUGIN_ID TOKENIZER IN.wav OUT.wav</pre>
 */
public final class EmbeddedResynthesis {
    private EmbeddedResynthesis() {
    }

    /** Result of one resynthesis: what was loaded and what came out. */
    public record Result(List<String> loadedPlugins, TokenMatrix tokens, AudioBuffer output) {
    }

    /** Encodes and decodes {@code in} with {@code tokenizer} from plugin {@code pluginId} alone. */
    public static Result resynthesize(Path pluginsDir, String pluginId, String tokenizer, Path in, Path out) {
        RuntimeConfig config = RuntimeConfig.defaults(pluginsDir).withThreads(1).withEnabledPlugins(List.of(pluginId));
        try (VoxtokRuntime runtime = VoxtokRuntime.start(config)) {
            Tokenizer tok = runtime.createTokenizer(tokenizer, ComponentConfig.empty());
            AudioBuffer audio = AudioReader.readAs(in, tok.spec().sampleRate(), tok.spec().channels());
            TokenMatrix tokens = tok.encode(audio);
            AudioBuffer y = tok.decode(tokens);
            WavWriter.write(out, y);
            return new Result(runtime.plugins().stream().map(p -> p.id()).toList(), tokens, y);
        }
    }

    /** Command-line entry point. */
    public static void main(String[] args) {
        if (args.length != 5) {
            System.err.println("usage: EmbeddedResynthesis PLUGINS_DIR PLUGIN_ID TOKENIZER IN.wav OUT.wav");
            System.exit(2);
        }
        Result r = resynthesize(Path.of(args[0]), args[1], args[2], Path.of(args[3]), Path.of(args[4]));
        System.out.printf("plugins loaded: %s; %d token frames; wrote %s%n", r.loadedPlugins(), r.tokens().frames(), args[4]);
    }
}
