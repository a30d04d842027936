package io.voxtok.cli.support;

import io.voxtok.api.ComponentConfig;
import io.voxtok.api.speaker.SpeakerEncoder;
import io.voxtok.runtime.VoxtokRuntime;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --encoder NAME|DIR [-m DIR] | --onnx FILE [-O key=value]}: which speaker encoder. {@code --encoder} names a
 * speaker-encoder factory ({@code speaker-encoder}, {@code logmel-stats}, {@code onnx-speaker-encoder} or a third
 * party's); the model is {@code -m} (a directory, file or shipped model name), by default the shipped model of the
 * factory's name when there is one. An {@code --encoder} value that is no factory's name is taken as a
 * {@code speaker-encoder} model directory or shipped model name. {@code --onnx FILE} is short for
 * {@code --encoder onnx-speaker-encoder -m FILE}.
 */
public final class SpeakerEncoderSelection {
    /** The trained encoder, the default. */
    public static final String DEFAULT = "speaker-encoder";
    private static final String ONNX = "onnx-speaker-encoder";

    @Option(names = "--encoder", defaultValue = DEFAULT, paramLabel = "NAME|DIR",
            description = "speaker encoder: a factory name (speaker-encoder, logmel-stats, onnx-speaker-encoder; see "
                    + "'voxtok plugins') or a speaker-encoder model directory or shipped model name (default "
                    + DEFAULT + ", the shipped model)")
    String encoder;

    @Option(names = {"-m", "--model"}, paramLabel = "DIR|FILE",
            description = "the encoder's model (directory, .onnx file or shipped model name); default the shipped "
                    + "model named like the encoder, if any")
    Path model;

    @Option(names = "--onnx", paramLabel = "FILE.onnx",
            description = "an ONNX speaker encoder (one input: waveform (1, N), or Kaldi fbank (1, T, 80) with "
                    + "-O input=fbank; the first output is the embedding)")
    Path onnx;

    @Option(names = {"-O", "--option"}, paramLabel = "KEY=VALUE", description = "encoder option (repeatable), e.g. "
            + "input=fbank, fbank_cmn=false, output=NAME for ONNX encoders")
    Map<String, String> options = new LinkedHashMap<>();

    /** Creates the encoder (owned and closed by the runtime). */
    public SpeakerEncoder create(VoxtokRuntime rt) {
        return open(rt, encoder, model, onnx, options);
    }

    /**
     * One value naming a speaker encoder, as {@code voxtok bench tokenizers --speaker-encoder} takes it: a factory
     * name, a {@code speaker-encoder} model directory or shipped model name, or an {@code .onnx} file.
     */
    public static SpeakerEncoder open(VoxtokRuntime rt, String value) {
        boolean isOnnx = value.toLowerCase(java.util.Locale.ROOT).endsWith(".onnx");
        return open(rt, value, null, isOnnx ? Path.of(value) : null, Map.of());
    }

    private static SpeakerEncoder open(VoxtokRuntime rt, String encoder, Path model, Path onnx,
                                       Map<String, String> options) {
        String factory = encoder;
        Path m = model;
        if (onnx != null) {
            factory = ONNX;
            m = onnx;
        } else if (rt.lookup().speakerEncoder(encoder).isEmpty()) {
            // not a factory: a model directory or shipped model of the trained encoder
            factory = DEFAULT;
            m = Path.of(encoder);
        }
        Optional<Path> resolved = Optional.empty();
        if (m != null) {
            resolved = Optional.of(RuntimeOptions.resolveModel(m));
        } else {
            Path named = RuntimeOptions.resolveModel(Path.of(factory.split(":")[0]));
            if (named.toFile().isDirectory()) {
                resolved = Optional.of(named);
            }
        }
        return rt.createSpeakerEncoder(factory, new ComponentConfig(options, resolved));
    }
}
