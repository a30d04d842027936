package io.voxtok.plugin.encodec;

import ai.djl.Device;
import io.voxtok.api.ComponentConfig;
import io.voxtok.api.ComponentContext;
import io.voxtok.api.ComponentId;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.backend.BackendKind;
import io.voxtok.api.backend.DeviceSpec;
import io.voxtok.api.token.Tokenizer;
import io.voxtok.api.token.TokenizerFactory;
import io.voxtok.api.token.TokenizerOptions;
import io.voxtok.api.token.TokenizerSpec;
import io.voxtok.plugin.encodec.model.EncodecConfig;
import io.voxtok.plugin.encodec.model.EncodecConfigReader;
import io.voxtok.plugin.encodec.model.EncodecModel;
import io.voxtok.plugin.encodec.model.EncodecModelFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Creates EnCodec tokenizers from a model directory ({@code config.json} + weights in the official or Hugging Face
 * layout), a weights file, or random weights. The model's configuration chooses the tokenizer: the 24 kHz layout
 * (causal, mono, whole signal) gives an {@link EncodecTokenizer} ({@code encodec:24khz}), the 48 kHz layout (1 s
 * segments with a loudness scale each) an {@link Encodec48kTokenizer} ({@code encodec:48khz}); the tokenizer's
 * {@link Tokenizer#id()} and producer name the variant it is.
 *
 * <p>The plugin registers one factory per {@link EncodecVariant}: {@code encodec:default} (what the bare name
 * {@code encodec} resolves to) serves whichever layout the model has, while {@code encodec:24khz} and
 * {@code encodec:48khz} refuse a model of the other layout and default their random weights to their own model.
 *
 * <p>Properties: {@code bandwidth} (kbps, one of the model's ladder; default 6), {@code randomInit},
 * {@code config} (a config.json, or the name {@code encodec_24khz} / {@code encodec_48khz}; default the variant's
 * model) and {@code seed} for random weights ({@link TokenizerOptions}). Unknown keys are refused.
 */
public final class EncodecTokenizerFactory implements TokenizerFactory {
    /** Component id of the 24 kHz tokenizers: name {@code encodec}, variant {@code 24khz}. */
    public static final ComponentId ID = EncodecVariant.MONO_24KHZ.id();
    /** Property: bandwidth in kbps. */
    public static final String BANDWIDTH = "bandwidth";
    /** Default bandwidth in kbps. */
    public static final double DEFAULT_BANDWIDTH = 6.0;

    private static final Set<String> KNOWN = Set.of(BANDWIDTH, TokenizerOptions.RANDOM_INIT,
            TokenizerOptions.CONFIG_FILE, TokenizerOptions.SEED);

    private final EncodecVariant variant;

    /** The {@code encodec:default} factory: the model chooses the layout. */
    public EncodecTokenizerFactory() {
        this(EncodecVariant.BY_MODEL);
    }

    /** The factory registered under {@code variant}'s id. */
    public EncodecTokenizerFactory(EncodecVariant variant) {
        this.variant = java.util.Objects.requireNonNull(variant);
    }

    @Override
    public ComponentId id() {
        return variant.id();
    }

    @Override
    public String description() {
        return switch (variant) {
            case BY_MODEL -> "EnCodec (facebookresearch/encodec), chosen by the model: 24 kHz mono causal, 75 Hz, "
                    + "1.5-24 kbps, streams; 48 kHz stereo in 1 s segments with loudness scales, 150 Hz, 3-24 kbps";
            case MONO_24KHZ -> "EnCodec 24 kHz: mono, causal, 75 Hz, 1.5-24 kbps, streams";
            case STEREO_48KHZ -> "EnCodec 48 kHz: stereo, 1 s segments (1 % overlap) with loudness scales, "
                    + "150 Hz per segment, 3-24 kbps";
        };
    }

    @Override
    public Set<BackendKind> supportedBackends() {
        return Set.of(BackendKind.PYTORCH);
    }

    @Override
    public TokenizerSpec defaultSpec() {
        EncodecConfig c = EncodecConfig.byName(variant.defaultConfig());
        if (c.segmented()) {
            return Encodec48kTokenizer.spec(c, DEFAULT_BANDWIDTH);
        }
        return new TokenizerSpec(c.sampleRate(), 1, c.hopLength(), c.codebooksFor(DEFAULT_BANDWIDTH), c.bins(), 0,
                true, true);
    }

    @Override
    public boolean requiresModel() {
        return true;
    }

    @Override
    public Tokenizer create(ComponentConfig config, ComponentContext context) {
        config.requireKnownKeys(KNOWN);
        Device device = device(context.backend().device());
        double bandwidth = bandwidth(config);
        EncodecModel model;
        if (config.get(TokenizerOptions.RANDOM_INIT).map(Boolean::parseBoolean).orElse(false)) {
            EncodecConfig c = randomConfig(config);
            requireLayout(c, "configuration " + c.name());
            c.codebooksFor(bandwidth);
            model = EncodecModel.random(c, seed(config), device);
        } else {
            Path path = config.requireModel(variant.id());
            EncodecModelFiles files = EncodecModelFiles.resolve(path);
            requireLayout(files.config(), "the model " + path);
            files.config().codebooksFor(bandwidth);
            model = EncodecModel.load(files.weights(), files.config(), device);
        }
        try {
            if (model.config().segmented()) {
                return new Encodec48kTokenizer(model, bandwidth);
            }
            return new EncodecTokenizer(ID, model, bandwidth);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** Refuses, before any weight is read, a model this factory's variant does not serve. */
    private void requireLayout(EncodecConfig c, String what) {
        if (!variant.accepts(c)) {
            String other = c.segmented() ? EncodecVariant.STEREO_48KHZ.id().toString()
                    : EncodecVariant.MONO_24KHZ.id().toString();
            throw VoxtokException.userInput(variant.id() + " serves " + variant.layout() + "; " + what + " has the "
                    + "other layout (use " + other + ", or the bare name encodec, which follows the model)");
        }
    }

    private static double bandwidth(ComponentConfig config) {
        String text = config.get(BANDWIDTH).orElse(null);
        if (text == null) {
            return DEFAULT_BANDWIDTH;
        }
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw VoxtokException.userInput("option " + BANDWIDTH + "='" + text + "' is not a number of kbps");
        }
    }

    private EncodecConfig randomConfig(ComponentConfig config) {
        String c = config.get(TokenizerOptions.CONFIG_FILE).orElse(variant.defaultConfig());
        Path p = Path.of(c);
        if (Files.isRegularFile(p)) {
            return EncodecConfigReader.read(p);
        }
        if (Files.isDirectory(p) && Files.isRegularFile(p.resolve("config.json"))) {
            return EncodecConfigReader.read(p.resolve("config.json"));
        }
        return EncodecConfig.byName(c);
    }

    private static long seed(ComponentConfig config) {
        String s = config.get(TokenizerOptions.SEED).orElse("0");
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw VoxtokException.userInput("option " + TokenizerOptions.SEED + "='" + s + "' is not an integer");
        }
    }

    private static Device device(DeviceSpec spec) {
        return spec.gpu() ? Device.gpu(spec.ordinal()) : Device.cpu();
    }
}
