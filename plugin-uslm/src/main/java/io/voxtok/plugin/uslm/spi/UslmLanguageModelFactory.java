package io.voxtok.plugin.uslm.spi;

import io.voxtok.api.ComponentConfig;
import io.voxtok.api.ComponentContext;
import io.voxtok.api.ComponentId;
import io.voxtok.api.backend.BackendKind;
import io.voxtok.api.lm.LanguageModel;
import io.voxtok.api.lm.LanguageModelFactory;
import io.voxtok.plugin.uslm.model.UslmModel;
import io.voxtok.plugin.uslm.model.UslmModelDirectory;
import java.util.Set;

/**
 * Creates {@code uslm} (SpeechTokenizer codes, 50 Hz) and {@code valle} (EnCodec codes, 75 Hz, the paper's baseline)
 * language models from a model directory ({@code config.json} + {@code model.pt} or {@code model.safetensors}).
 * Options: see {@link UslmLanguageModelOptions}. Stateless and thread-safe.
 */
public final class UslmLanguageModelFactory implements LanguageModelFactory {
    private final String name;
    private final String tokenizer;
    private final double frameRate;

    private UslmLanguageModelFactory(String name, String tokenizer, double frameRate) {
        this.name = name;
        this.tokenizer = tokenizer;
        this.frameRate = frameRate;
    }

    /** The {@code uslm} factory. */
    public static UslmLanguageModelFactory uslm() {
        return new UslmLanguageModelFactory("uslm", "speechtokenizer", 50.0);
    }

    /** The {@code valle} factory. */
    public static UslmLanguageModelFactory valle() {
        return new UslmLanguageModelFactory("valle", "encodec", 75.0);
    }

    @Override
    public ComponentId id() {
        return ComponentId.of(name);
    }

    @Override
    public String description() {
        return name.equals("uslm") ? "USLM (AR RVQ-1 + NAR RVQ-2..8 over SpeechTokenizer codes), generation from phoneme ids"
                : "VALL-E baseline of the USLM fork (EnCodec codes), generation from phoneme ids";
    }

    @Override
    public Set<BackendKind> supportedBackends() {
        return Set.of(BackendKind.PYTORCH);
    }

    @Override
    public LanguageModel create(ComponentConfig config, ComponentContext context) {
        UslmLanguageModelOptions o = UslmLanguageModelOptions.parse(config);
        if (o.randomInit()) {
            UslmModel model = UslmModel.random(io.voxtok.plugin.uslm.config.UslmConfig.read(o.config()), o.model(),
                    o.seed());
            return new UslmLanguageModel(id(), model, tokenizer, frameRate, o.kvCache(), o.suppressEos());
        }
        java.nio.file.Path dir = config.requireModel(id());
        // a model trained by Voxtok records the tokenizer and frame rate of its codes; official ones do not
        java.util.Map<String, Object> info = UslmModelDirectory.info(dir);
        String tok = info.get("tokenizer") instanceof String s ? s : tokenizer;
        double rate = info.get("frame_rate") instanceof Number n ? n.doubleValue() : frameRate;
        UslmModel model = UslmModel.load(dir, o.model());
        return new UslmLanguageModel(id(), model, tok, rate, o.kvCache(), o.suppressEos());
    }
}
