package io.voxtok.plugin.uslm.spi;

import io.voxtok.api.ComponentConfig;
import io.voxtok.api.ComponentContext;
import io.voxtok.api.ComponentId;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.backend.BackendKind;
import io.voxtok.api.lm.LanguageModel;
import io.voxtok.api.lm.LanguageModelFactory;
import io.voxtok.data.synth.ExternalTool;
import io.voxtok.data.text.EspeakPhonemizer;
import io.voxtok.data.text.TextVocabulary;
import io.voxtok.plugin.uslm.config.TrainedTokenizer;
import io.voxtok.plugin.uslm.model.UslmModel;
import io.voxtok.plugin.uslm.model.UslmModelDirectory;
import io.voxtok.plugin.uslm.text.UslmTextFrontEnd;
import java.nio.file.Files;
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
        UslmModel model = o.randomInit()
                ? UslmModel.random(io.voxtok.plugin.uslm.config.UslmConfig.read(o.config()), o.model(), o.seed())
                : UslmModel.load(config.requireModel(id()), o.model());
        try {
            UslmTextFrontEnd frontEnd = null;
            if (o.vocab() != null) {
                if (!Files.isRegularFile(o.vocab())) {
                    throw VoxtokException.userInput("text vocabulary " + o.vocab() + " does not exist or is not a file");
                }
                TextVocabulary vocab = TextVocabulary.read(o.vocab());
                if (vocab.size() > model.config().numTextTokens()) {
                    throw VoxtokException.userInput("text vocabulary " + o.vocab() + " has " + vocab.size()
                            + " ids but the model has " + model.config().numTextTokens() + " text embedding rows: it "
                            + "is not the vocabulary the model was trained with");
                }
                frontEnd = new UslmTextFrontEnd(new EspeakPhonemizer(new ExternalTool(o.espeak(), "espeak-ng"),
                        EspeakPhonemizer.DEFAULT_LANGUAGE), vocab);
            }
            java.util.Optional<TrainedTokenizer> trainedOn = o.randomInit() || !o.tokenizerCheck()
                    ? java.util.Optional.empty() : TrainedTokenizer.read(config.requireModel(id()));
            String tok = tokenizer;
            double rate = frameRate;
            if (!o.randomInit()) {
                // a model trained by Voxtok records the tokenizer and frame rate of its codes; official ones do not
                java.util.Map<String, Object> info = UslmModelDirectory.info(config.requireModel(id()));
                tok = info.get("tokenizer") instanceof String t ? t : tokenizer;
                rate = info.get("frame_rate") instanceof Number n ? n.doubleValue() : frameRate;
            }
            return new UslmLanguageModel(id(), model, tok, rate, o.kvCache(), o.suppressEos(), frontEnd,
                    trainedOn.orElse(null));
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }
}
