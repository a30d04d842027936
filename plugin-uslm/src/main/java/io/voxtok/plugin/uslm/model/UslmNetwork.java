package io.voxtok.plugin.uslm.model;

import ai.djl.ndarray.NDArray;
import io.voxtok.nn.ParameterLoader;
import io.voxtok.nn.StateDictBlock;
import io.voxtok.plugin.uslm.config.UslmConfig;
import io.voxtok.plugin.uslm.config.UslmOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The whole USLM / VALL-E network (AR and NAR) as one block tree with the official state-dict names:
 * {@code ar_text_embedding}, {@code nar_text_embedding}, {@code ar_audio_embedding}, {@code ar_text_position},
 * {@code ar_audio_position}, {@code ar_decoder}, {@code ar_predict_layer}, {@code nar_audio_embeddings.0..7},
 * {@code nar_text_position}, {@code nar_audio_position}, {@code nar_decoder}, {@code nar_predict_layers.0..6},
 * {@code nar_stage_embeddings.0..6}.
 *
 * <p>This class holds the pieces and the per-part computations that training ({@code UslmTrainingForward}) and
 * generation compose; it is the one definition of the model. The tied NAR prediction layers hold no parameter of
 * their own (see {@link UslmOptions#tiedNarOffsetFix()} for which embedding each shares); {@link #officialStateDict()}
 * lists them under both keys like the official {@code state_dict()}.
 */
public final class UslmNetwork extends StateDictBlock {
    /** Dropout of the official layers, attention and AR/NAR-audio positions (training only). */
    public static final float DROPOUT = 0.1f;

    private final UslmConfig config;
    private final UslmOptions options;
    private final TokenEmbedding arTextEmbedding;
    private final TokenEmbedding narTextEmbedding;
    private final TokenEmbedding arAudioEmbedding;
    private final SinePositionalEmbedding arTextPosition;
    private final SinePositionalEmbedding arAudioPosition;
    private final TransformerEncoder arDecoder;
    private final Linear arPredictLayer;
    private final ModuleList<TokenEmbedding> narAudioEmbeddings;
    private final SinePositionalEmbedding narTextPosition;
    private final SinePositionalEmbedding narAudioPosition;
    private final TransformerEncoder narDecoder;
    private final ModuleList<Linear> narPredictLayers;
    private final ModuleList<TokenEmbedding> narStageEmbeddings;
    private final Map<Integer, Integer> tiedTo = new LinkedHashMap<>();

    private UslmNetwork(UslmConfig config, UslmOptions options, ParameterLoader l) {
        this.config = config;
        this.options = options;
        int d = config.dModel();
        int a = config.numAudioTokens();
        arTextEmbedding = child("ar_text_embedding", embedding(l, "ar_text_embedding", config.numTextTokens(), d));
        narTextEmbedding = child("nar_text_embedding", embedding(l, "nar_text_embedding", config.numTextTokens(), d));
        arAudioEmbedding = child("ar_audio_embedding", embedding(l, "ar_audio_embedding", a + 1, d));
        arTextPosition = child("ar_text_position",
                new SinePositionalEmbedding(l.tensor("ar_text_position.alpha", 1), d, DROPOUT));
        arAudioPosition = child("ar_audio_position",
                new SinePositionalEmbedding(l.tensor("ar_audio_position.alpha", 1), d, DROPOUT));
        arDecoder = child("ar_decoder", decoder(l, "ar_decoder.", false));
        arPredictLayer = child("ar_predict_layer", Linear.of(l.tensor("ar_predict_layer.weight", a + 1, d), null));
        List<TokenEmbedding> narAudio = new ArrayList<>();
        for (int j = 0; j < config.numQuantizers(); j++) {
            narAudio.add(embedding(l, "nar_audio_embeddings." + j, j == 0 ? a + 1 : a, d));
        }
        narAudioEmbeddings = child("nar_audio_embeddings", new ModuleList<>(narAudio));
        narTextPosition = child("nar_text_position",
                new SinePositionalEmbedding(l.tensor("nar_text_position.alpha", 1), d, 0f));
        narAudioPosition = child("nar_audio_position",
                new SinePositionalEmbedding(l.tensor("nar_audio_position.alpha", 1), d, DROPOUT));
        // Official: the NAR alphas are created with requires_grad=False and never trained.
        narTextPosition.alpha().freeze(true);
        narAudioPosition.alpha().freeze(true);
        narDecoder = child("nar_decoder", decoder(l, "nar_decoder.", true));
        List<Linear> predict = new ArrayList<>();
        for (int j = 0; j < config.narStages(); j++) {
            int tie = tiedEmbeddingOf(j);
            String key = "nar_predict_layers." + j + ".weight";
            if (tie >= 0) {
                tiedTo.put(j, tie);
                l.ignore(key);
                predict.add(Linear.tied(narAudio.get(tie).table().weightParameter()));
            } else {
                predict.add(Linear.of(l.tensor(key, a, d), null));
            }
        }
        narPredictLayers = child("nar_predict_layers", new ModuleList<>(predict));
        List<TokenEmbedding> stages = new ArrayList<>();
        for (int j = 0; j < config.narStages(); j++) {
            stages.add(embedding(l, "nar_stage_embeddings." + j, 1, d));
        }
        narStageEmbeddings = child("nar_stage_embeddings", new ModuleList<>(stages));
    }

    /**
     * Builds the network, reading every tensor from {@code loader} (a checkpoint or an initializer) and checking
     * that nothing is missing, mis-shaped or unexpected.
     *
     * @throws io.voxtok.api.VoxtokException naming the checkpoint and every bad key
     */
    public static UslmNetwork build(UslmConfig config, UslmOptions options, ParameterLoader loader) {
        UslmNetwork n = new UslmNetwork(config, options, loader);
        loader.finish();
        return n;
    }

    /** Which NAR audio embedding the prediction layer {@code j} shares its weight with, or -1 (own weight). */
    private int tiedEmbeddingOf(int j) {
        if (!config.shareEmbedding()) {
            return -1;
        }
        if (options.tiedNarOffsetFix()) {
            return j + 1;
        }
        // Official (VALL-E paper taken literally): layer j predicts codebook j+1 but shares embedding j+2.
        return j + 2 < config.numQuantizers() ? j + 2 : -1;
    }

    private static TokenEmbedding embedding(ParameterLoader l, String name, int rows, int d) {
        return new TokenEmbedding(l.tensor(name + ".word_embeddings.weight", rows, d));
    }

    private TransformerEncoder decoder(ParameterLoader l, String p, boolean adaptive) {
        int d = config.dModel();
        List<TransformerEncoderLayer> layers = new ArrayList<>();
        for (int i = 0; i < config.numLayers(); i++) {
            String q = p + "layers." + i + ".";
            MultiheadSelfAttention sa = new MultiheadSelfAttention(l.tensor(q + "self_attn.in_proj_weight", 3L * d, d),
                    l.tensor(q + "self_attn.in_proj_bias", 3L * d),
                    Linear.of(l.tensor(q + "self_attn.out_proj.weight", d, d), l.tensor(q + "self_attn.out_proj.bias", d)),
                    config.nhead(), DROPOUT);
            Linear l1 = Linear.of(l.tensor(q + "linear1.weight", 4L * d, d), l.tensor(q + "linear1.bias", 4L * d));
            Linear l2 = Linear.of(l.tensor(q + "linear2.weight", d, 4L * d), l.tensor(q + "linear2.bias", d));
            if (adaptive) {
                layers.add(new TransformerEncoderLayer(sa, l1, l2, adaNorm(l, q + "norm1."), adaNorm(l, q + "norm2."),
                        DROPOUT));
            } else {
                layers.add(new TransformerEncoderLayer(sa, l1, l2, norm(l, q + "norm1."), norm(l, q + "norm2."), DROPOUT));
            }
        }
        return adaptive ? new TransformerEncoder(layers, adaNorm(l, p + "norm.")) : new TransformerEncoder(layers, norm(l, p + "norm."));
    }

    private LayerNorm norm(ParameterLoader l, String p) {
        int d = config.dModel();
        return new LayerNorm(l.tensor(p + "weight", d), l.tensor(p + "bias", d));
    }

    private AdaptiveLayerNorm adaNorm(ParameterLoader l, String p) {
        int d = config.dModel();
        return new AdaptiveLayerNorm(Linear.of(l.tensor(p + "project_layer.weight", 2L * d, d),
                l.tensor(p + "project_layer.bias", 2L * d)), norm(l, p + "norm."), d);
    }

    /** The architecture. */
    public UslmConfig config() {
        return config;
    }

    /** The behaviour options the network was built with. */
    public UslmOptions options() {
        return options;
    }

    /** {@inheritDoc} Not a single-input network: use the AR/NAR methods or the training forward. */
    @Override
    public NDArray forward(NDArray x, boolean training) {
        throw new UnsupportedOperationException("UslmNetwork has several inputs: use UslmTrainingForward or the "
                + "generation classes");
    }

    /** AR text input: {@code ar_text_position(ar_text_embedding(x))}, {@code x} int64 {@code (N, S)}. */
    public NDArray arText(NDArray x, boolean training) {
        try (NDArray e = arTextEmbedding.forward(x, training)) {
            return arTextPosition.forward(e, 0, training);
        }
    }

    /** AR audio input for frames at positions {@code offset ..}: {@code ar_audio_position(ar_audio_embedding(y))}. */
    public NDArray arAudio(NDArray y, int offset, boolean training) {
        try (NDArray e = arAudioEmbedding.forward(y, training)) {
            return arAudioPosition.forward(e, offset, training);
        }
    }

    /** The AR decoder incl. final LayerNorm. */
    public NDArray arDecode(NDArray xy, NDArray mask, List<LayerKvCache> cache, boolean training) {
        return arDecoder.forward(xy, mask, null, cache, training);
    }

    /** AR logits over {@code numAudioTokens + 1} classes (the last is EOS). */
    public NDArray arLogits(NDArray decoded) {
        return arPredictLayer.forward(decoded, false);
    }

    /** NAR text input: {@code nar_text_position(nar_text_embedding(x))}. */
    public NDArray narText(NDArray x, boolean training) {
        try (NDArray e = narTextEmbedding.forward(x, training)) {
            return narTextPosition.forward(e, 0, training);
        }
    }

    /** {@code nar_audio_embeddings[j](codes)} (j = 0 takes RVQ-1 with PAD 1024). */
    public NDArray narAudioEmbedding(int j, NDArray codes) {
        return narAudioEmbeddings.get(j).forward(codes, false);
    }

    /** {@code nar_audio_position(yEmb)}. */
    public NDArray narAudioPosition(NDArray yEmb, boolean training) {
        return narAudioPosition.forward(yEmb, 0, training);
    }

    /**
     * The NAR decoder for stage {@code stage} (1..7, predicts RVQ-(stage+1)) incl. the final AdaptiveLayerNorm.
     *
     * @param mask additive key-padding mask or null
     */
    public NDArray narDecode(NDArray xy, NDArray mask, int stage, boolean training) {
        return narDecoder.forward(xy, mask, narStageEmbeddings.get(stage - 1).weight(), null, training);
    }

    /** NAR logits of stage {@code stage} (1..7) over {@code numAudioTokens} classes. */
    public NDArray narLogits(int stage, NDArray decoded) {
        return narPredictLayers.get(stage - 1).forward(decoded, false);
    }

    /** Number of AR decoder layers (one KV cache each). */
    public int arLayers() {
        return arDecoder.numLayers();
    }

    /**
     * The official {@code state_dict()}: {@link #stateDict()} plus the tied prediction-layer weights under their
     * {@code nar_predict_layers.j.weight} keys (same arrays).
     */
    public Map<String, NDArray> officialStateDict() {
        Map<String, NDArray> out = new LinkedHashMap<>(stateDict());
        tiedTo.forEach((j, e) -> out.put("nar_predict_layers." + j + ".weight",
                narAudioEmbeddings.get(e).weight()));
        return out;
    }

    /** A parameter initializer mapping (key, shape) to values, for random models (benchmarks, tests). */
    public static ParameterLoader.Initializer initializer(BiFunction<String, long[], float[]> values) {
        return values::apply;
    }
}
