package io.voxtok.plugin.uslm.spi;

import io.voxtok.api.ComponentId;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.lm.GenerationRequest;
import io.voxtok.api.lm.LanguageModel;
import io.voxtok.api.lm.LanguageModelSpec;
import io.voxtok.api.lm.SamplingParams;
import io.voxtok.api.lm.TeacherForcedScore;
import io.voxtok.api.lm.TokenIdRequest;
import io.voxtok.api.token.TokenMatrix;
import io.voxtok.api.token.TokenProducer;
import io.voxtok.plugin.uslm.config.TrainedTokenizer;
import io.voxtok.plugin.uslm.generation.GenerationInput;
import io.voxtok.plugin.uslm.generation.GenerationOptions;
import io.voxtok.plugin.uslm.generation.GenerationResult;
import io.voxtok.plugin.uslm.generation.UslmGenerator;
import io.voxtok.plugin.uslm.model.UslmModel;
import io.voxtok.plugin.uslm.text.UslmTextFrontEnd;
import io.voxtok.plugin.uslm.text.UslmTextInput;
import io.voxtok.plugin.uslm.training.UslmScorer;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A loaded USLM or VALL-E model behind the {@link LanguageModel} SPI. It generates from token ids
 * ({@link #generateFromIds}) and, when it was given a text vocabulary, from text ({@link #generate}: the official
 * {@code bin/infer.py} front-end, {@code "<prompt text> <text>"} phonemized with espeak-ng as one string). Text
 * generation checks that the prompt's tokens fit the model (codebook count and size) and refuses a mismatch naming
 * both. One generation at a time is not required: calls are independent.
 */
public final class UslmLanguageModel implements LanguageModel {
    private final ComponentId id;
    private final UslmModel model;
    private final LanguageModelSpec spec;
    private final double frameRate;
    private final boolean kvCache;
    private final boolean suppressEos;
    private final UslmGenerator generator;
    private final UslmTextFrontEnd frontEnd;
    private final TrainedTokenizer trainedOn;
    private final UslmScorer scorer;

    /**
     * @param id        component id
     * @param model     the loaded model (owned from now on)
     * @param tokenizer the tokenizer whose codes it reads and writes
     * @param frameRate that tokenizer's frame rate
     * @param kvCache   use the KV-cached AR loop
     * @param suppressEos never stop on EOS (fixed-length speed measurements)
     * @param frontEnd  text front-end for {@link #generate}, or null (then only token ids are accepted)
     * @param trainedOn the tokenizer the model directory says it was trained on (prompt tokens of other weights are
     *                  refused by {@link #generate}), or null
     */
    public UslmLanguageModel(ComponentId id, UslmModel model, String tokenizer, double frameRate, boolean kvCache,
                             boolean suppressEos, UslmTextFrontEnd frontEnd, TrainedTokenizer trainedOn) {
        this.id = id;
        this.model = model;
        this.spec = new LanguageModelSpec(tokenizer, 1, model.config().numQuantizers() - 1);
        this.frameRate = frameRate;
        this.kvCache = kvCache;
        this.suppressEos = suppressEos;
        this.generator = new UslmGenerator(model.network());
        this.frontEnd = frontEnd;
        this.trainedOn = trainedOn;
        this.scorer = new UslmScorer(model.network());
    }

    @Override
    public ComponentId id() {
        return id;
    }

    @Override
    public LanguageModelSpec spec() {
        return spec;
    }

    /** The loaded model. */
    public UslmModel model() {
        return model;
    }

    @Override
    public TokenMatrix generate(GenerationRequest request) {
        if (frontEnd == null) {
            throw VoxtokException.userInput(id + " has no text vocabulary: give the unique_text_tokens.k2symbols of "
                    + "the token corpus the model was trained on (option vocab=FILE, or that file in the model "
                    + "directory), or generate from phoneme ids (CLI: voxtok lm generate --text-ids)");
        }
        TokenMatrix prompt = request.promptTokens().orElseThrow(() -> VoxtokException.userInput(id
                + " needs an acoustic prompt and its transcript: the AR loop starts from the prompt's RVQ-1 codes"));
        requireCompatible(prompt);
        UslmTextInput in = frontEnd.inferenceInput(request.promptText().orElse(""), request.text());
        int[] ids = in.ids();
        long[] x = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            x[i] = ids[i];
        }
        return generateFromIds(new TokenIdRequest(x, Optional.of(prompt), OptionalInt.of(in.enrollLength()),
                request.sampling(), request.seed()));
    }

    /**
     * Refuses prompt tokens of a tokenizer the model was not built for: another codebook count or size, or (when the
     * model directory records it) other tokenizer weights.
     *
     * @throws VoxtokException naming both
     */
    public void requireCompatible(TokenMatrix prompt) {
        int q = model.config().numQuantizers();
        int k = model.config().numAudioTokens();
        if (prompt.firstLayer() != 0 || prompt.layers() != q || prompt.codebookSize() != k) {
            throw VoxtokException.userInput("incompatible tokenizer and language model: the prompt's tokens ("
                    + prompt.producer().name() + ") have " + prompt.layers() + " codebooks of "
                    + prompt.codebookSize() + " codes from layer " + prompt.firstLayer() + ", but " + id
                    + " was built for " + q + " codebooks of " + k + " codes from layer 0");
        }
        if (trainedOn != null) {
            trainedOn.requireSame(prompt.producer(), id.toString());
        }
    }

    @Override
    public boolean supportsTokenIds() {
        return true;
    }

    @Override
    public TokenMatrix generateFromIds(TokenIdRequest request) {
        TokenMatrix prompt = request.promptTokens().orElseThrow(() -> VoxtokException.userInput(id
                + " needs an acoustic prompt: the AR loop starts from the prompt's RVQ-1 codes"));
        int q = model.config().numQuantizers();
        if (prompt.layers() != q || prompt.firstLayer() != 0) {
            throw VoxtokException.userInput("the prompt holds layers " + prompt.layerRange() + "; " + id
                    + " needs all " + q + " layers from RVQ-1");
        }
        int tp = prompt.validFrames(0);
        long[][] codes = new long[tp][q];
        for (int t = 0; t < tp; t++) {
            for (int l = 0; l < q; l++) {
                codes[t][l] = prompt.code(l, 0, t);
            }
        }
        SamplingParams s = request.sampling();
        GenerationOptions o = new GenerationOptions(s.topK() <= 0 ? -1 : s.topK(), s.topP(), s.temperature(),
                request.seed(), kvCache, s.maxFrames(), suppressEos, false);
        GenerationResult r = generator.generate(new GenerationInput(request.textIds(), codes,
                request.promptTextLength().orElse(-1)), o);
        int tg = r.frames();
        int[][] out = new int[q][tg];
        for (int t = 0; t < tg; t++) {
            for (int l = 0; l < q; l++) {
                out[l][t] = (int) r.codes()[t][l];
            }
        }
        TokenProducer producer = prompt.producer();
        return TokenMatrix.single(out, 0, model.config().numAudioTokens(), frameRate, producer);
    }

    @Override
    public void close() {
        model.close();
    }

    @Override
    public boolean supportsScoring() {
        return true;
    }

    /** {@inheritDoc} The official training forward, dropout off, every NAR stage ({@link UslmScorer}). */
    @Override
    public TeacherForcedScore scoreTeacherForced(long[] textIds, int[][] codes) {
        return scorer.score(model.manager(), textIds, codes);
    }

}
