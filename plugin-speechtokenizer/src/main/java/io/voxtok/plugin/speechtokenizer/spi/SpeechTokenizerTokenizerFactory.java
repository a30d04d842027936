package io.voxtok.plugin.speechtokenizer.spi;

import ai.djl.Device;
import io.voxtok.api.ComponentConfig;
import io.voxtok.api.ComponentContext;
import io.voxtok.api.ComponentId;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.backend.BackendKind;
import io.voxtok.api.backend.DeviceSpec;
import io.voxtok.api.token.Tokenizer;
import io.voxtok.api.token.TokenizerFactory;
import io.voxtok.api.token.TokenizerSpec;
import io.voxtok.nn.seanet.SeanetActivation;
import io.voxtok.plugin.speechtokenizer.config.SpeechTokenizerConfig;
import io.voxtok.plugin.speechtokenizer.model.SpeechTokenizerModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Creates SpeechTokenizer components from an official checkpoint directory ({@code config.json} plus
 * {@code *.pt} or {@code *.safetensors}), or with random weights from a configuration for speed tests. Cheap and
 * stateless.
 */
public final class SpeechTokenizerTokenizerFactory implements TokenizerFactory {
    /** {@code speechtokenizer:default}. */
    public static final ComponentId ID = ComponentId.of("speechtokenizer");

    @Override
    public ComponentId id() {
        return ID;
    }

    @Override
    public String description() {
        return "SpeechTokenizer (Zhang et al., ICLR 2024): SEANet + 8-layer RVQ, RVQ-1 distilled from HuBERT;"
                + " official config.json + SpeechTokenizer.pt or .safetensors; options: chunking, chunkSeconds,"
                + " contextSeconds, chunkThresholdSeconds";
    }

    @Override
    public Set<BackendKind> supportedBackends() {
        return Set.of(BackendKind.PYTORCH);
    }

    @Override
    public TokenizerSpec defaultSpec() {
        SpeechTokenizerConfig c = SpeechTokenizerConfig.official(SeanetActivation.ELU);
        return new TokenizerSpec(c.sampleRate(), 1, c.hopLength(), c.nQ(), c.codebookSize(), 1, false, false);
    }

    @Override
    public boolean requiresModel() {
        return true;
    }

    @Override
    public Tokenizer create(ComponentConfig config, ComponentContext context) {
        SpeechTokenizerOptions o = SpeechTokenizerOptions.from(config);
        Device device = device(context.backend().device());
        if (o.randomInit()) {
            SpeechTokenizerConfig cfg = o.configFile() == null ? SpeechTokenizerConfig.official(SeanetActivation.ELU)
                    : SpeechTokenizerConfig.read(Path.of(o.configFile()));
            return new SpeechTokenizerTokenizer(SpeechTokenizerModel.randomInit(cfg, o.seed(), device),
                    "random-" + o.seed(), o);
        }
        Path model = config.requireModel(ID);
        if (!Files.exists(model)) {
            throw VoxtokException.userInput(model + ": model directory not found");
        }
        SpeechTokenizerModel m = SpeechTokenizerModel.load(model, device);
        String hash = m.checkpointSha256();
        return new SpeechTokenizerTokenizer(m, hash == null ? "unknown" : hash, o);
    }

    static Device device(DeviceSpec d) {
        return d.gpu() ? Device.gpu(d.ordinal()) : Device.cpu();
    }
}
