package io.voxtok.plugin.hubert.config;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.modelio.Json;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The architecture of a HuBERT model, read from a Hugging Face {@code config.json} ({@code HubertConfig}).
 *
 * <p>Supported: the group-norm feature extractor ({@code feat_extract_norm = "group"}), with or without conv
 * bias, with or without the projection layer norm, the post-layer-norm encoder ({@code do_stable_layer_norm =
 * false}, HuBERT base) and exact GELU. Settings this implementation does not follow are refused by field name
 * rather than silently ignored. Missing fields take the {@code transformers} defaults (HuBERT base).
 * Immutable.
 */
public final class HubertConfig {
    private final int[] convDim;
    private final int[] convKernel;
    private final int[] convStride;
    private final boolean convBias;
    private final boolean featProjLayerNorm;
    private final int hiddenSize;
    private final int numHiddenLayers;
    private final int numAttentionHeads;
    private final int intermediateSize;
    private final int numConvPosEmbeddings;
    private final int numConvPosEmbeddingGroups;
    private final float layerNormEps;

    /**
     * @param convDim              output channels of each feature-extractor conv
     * @param convKernel           kernel of each conv (samples / frames)
     * @param convStride           stride of each conv
     * @param convBias             whether the convs have a bias
     * @param featProjLayerNorm    whether the feature projection starts with a layer norm
     * @param hiddenSize           transformer width
     * @param numHiddenLayers      transformer layers
     * @param numAttentionHeads    attention heads
     * @param intermediateSize     feed-forward width
     * @param numConvPosEmbeddings positional conv kernel
     * @param numConvPosEmbeddingGroups positional conv groups
     * @param layerNormEps         epsilon of every layer norm
     */
    public HubertConfig(int[] convDim, int[] convKernel, int[] convStride, boolean convBias, boolean featProjLayerNorm,
                        int hiddenSize, int numHiddenLayers, int numAttentionHeads, int intermediateSize,
                        int numConvPosEmbeddings, int numConvPosEmbeddingGroups, float layerNormEps) {
        if (convDim.length == 0 || convDim.length != convKernel.length || convDim.length != convStride.length) {
            throw VoxtokException.userInput("conv_dim, conv_kernel and conv_stride must have the same non-zero length, got "
                    + convDim.length + ", " + convKernel.length + ", " + convStride.length);
        }
        if (hiddenSize <= 0 || numAttentionHeads <= 0 || hiddenSize % numAttentionHeads != 0) {
            throw VoxtokException.userInput("hidden_size " + hiddenSize + " is not a multiple of num_attention_heads " + numAttentionHeads);
        }
        if (numConvPosEmbeddingGroups <= 0 || hiddenSize % numConvPosEmbeddingGroups != 0) {
            throw VoxtokException.userInput("hidden_size " + hiddenSize + " is not a multiple of num_conv_pos_embedding_groups "
                    + numConvPosEmbeddingGroups);
        }
        if (numHiddenLayers < 0 || intermediateSize <= 0 || numConvPosEmbeddings <= 0 || !(layerNormEps > 0)) {
            throw VoxtokException.userInput("bad HuBERT sizes: num_hidden_layers " + numHiddenLayers + ", intermediate_size "
                    + intermediateSize + ", num_conv_pos_embeddings " + numConvPosEmbeddings + ", layer_norm_eps " + layerNormEps);
        }
        checkBounds(convDim, convKernel, convStride, hiddenSize, numHiddenLayers, numAttentionHeads,
                intermediateSize, numConvPosEmbeddings, numConvPosEmbeddingGroups);
        this.convDim = convDim.clone();
        this.convKernel = convKernel.clone();
        this.convStride = convStride.clone();
        this.convBias = convBias;
        this.featProjLayerNorm = featProjLayerNorm;
        this.hiddenSize = hiddenSize;
        this.numHiddenLayers = numHiddenLayers;
        this.numAttentionHeads = numAttentionHeads;
        this.intermediateSize = intermediateSize;
        this.numConvPosEmbeddings = numConvPosEmbeddings;
        this.numConvPosEmbeddingGroups = numConvPosEmbeddingGroups;
        this.layerNormEps = layerNormEps;
    }

    /**
     * Upper bounds far above HuBERT base and large (which has about 3e8 parameters): a config asking for more
     * would allocate gigabytes or run for minutes before anything else could fail, so it is refused by field.
     */
    private static void checkBounds(int[] convDim, int[] convKernel, int[] convStride, int hiddenSize,
                                    int numHiddenLayers, int numAttentionHeads, int intermediateSize,
                                    int numConvPosEmbeddings, int numConvPosEmbeddingGroups) {
        atMost("conv_dim (count)", convDim.length, 16);
        double parameters = 0;
        long hop = 1;
        for (int i = 0; i < convDim.length; i++) {
            inRange("conv_dim[" + i + "]", convDim[i], 1, 8192);
            inRange("conv_kernel[" + i + "]", convKernel[i], 1, 1024);
            inRange("conv_stride[" + i + "]", convStride[i], 1, 1024);
            hop *= convStride[i];
            if (hop > 1 << 20) {
                throw VoxtokException.userInput("conv_stride " + Arrays.toString(convStride) + " multiplies to more "
                        + "than " + (1 << 20) + " samples per frame");
            }
            parameters += (double) convDim[i] * (i == 0 ? 1 : convDim[i - 1]) * convKernel[i];
        }
        atMost("hidden_size", hiddenSize, 16384);
        atMost("num_hidden_layers", numHiddenLayers, 256);
        atMost("num_attention_heads", numAttentionHeads, 1024);
        atMost("intermediate_size", intermediateSize, 65536);
        atMost("num_conv_pos_embeddings", numConvPosEmbeddings, 4096);
        double h = hiddenSize;
        parameters += numHiddenLayers * (4 * h * h + 2 * h * intermediateSize)
                + h * (h / numConvPosEmbeddingGroups) * numConvPosEmbeddings + h * convDim[convDim.length - 1];
        if (parameters > 5e8) {
            throw VoxtokException.userInput(String.format("hidden_size, num_hidden_layers, intermediate_size and "
                    + "conv_dim describe a model of about %.3g parameters, more than the 5e8 accepted", parameters));
        }
    }

    private static void atMost(String field, int value, int max) {
        inRange(field, value, 0, max);
    }

    private static void inRange(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw VoxtokException.userInput("field \"" + field + "\" is " + value + ", outside the accepted range ["
                    + min + ", " + max + "]");
        }
    }

    /** HuBERT base ({@code facebook/hubert-base-ls960}): 7 convs of 512, 768 wide, 12 layers, 12 heads, FFN 3072. */
    public static HubertConfig base() {
        return new HubertConfig(new int[] {512, 512, 512, 512, 512, 512, 512}, new int[] {10, 3, 3, 3, 3, 2, 2},
                new int[] {5, 2, 2, 2, 2, 2, 2}, false, true, 768, 12, 12, 3072, 128, 16, 1e-5f);
    }

    /**
     * Reads a Hugging Face {@code config.json}.
     *
     * @throws VoxtokException USER_INPUT naming the file and field for malformed or unsupported settings
     */
    public static HubertConfig read(Path configJson) {
        Map<String, Object> m = Json.readObject(configJson);
        try {
            return fromMap(m);
        } catch (VoxtokException e) {
            throw new VoxtokException(ErrorKind.USER_INPUT, configJson + ": " + e.getMessage(), e);
        }
    }

    private static HubertConfig fromMap(Map<String, Object> m) {
        String modelType = str(m, "model_type", "hubert");
        if (!modelType.equals("hubert")) {
            throw VoxtokException.userInput("model_type is '" + modelType + "'; only 'hubert' is supported");
        }
        if (bool(m, "do_stable_layer_norm", false)) {
            throw VoxtokException.userInput("do_stable_layer_norm=true (pre-layer-norm encoder, HuBERT large) is not supported;"
                    + " only the post-layer-norm encoder of HuBERT base");
        }
        String norm = str(m, "feat_extract_norm", "group");
        if (!norm.equals("group")) {
            throw VoxtokException.userInput("feat_extract_norm='" + norm + "' is not supported; only 'group'");
        }
        for (String act : new String[] {"feat_extract_activation", "hidden_act"}) {
            String v = str(m, act, "gelu");
            if (!v.equals("gelu")) {
                throw VoxtokException.userInput(act + "='" + v + "' is not supported; only 'gelu' (exact)");
            }
        }
        if (bool(m, "conv_pos_batch_norm", false)) {
            throw VoxtokException.userInput("conv_pos_batch_norm=true is not supported");
        }
        HubertConfig b = base();
        int[] convDim = ints(m, "conv_dim", b.convDim);
        int[] convKernel = ints(m, "conv_kernel", b.convKernel);
        int[] convStride = ints(m, "conv_stride", b.convStride);
        if (m.containsKey("num_feat_extract_layers") && num(m, "num_feat_extract_layers", 0) != convDim.length) {
            throw VoxtokException.userInput("num_feat_extract_layers=" + num(m, "num_feat_extract_layers", 0) + " but conv_dim has "
                    + convDim.length + " entries");
        }
        return new HubertConfig(convDim, convKernel, convStride, bool(m, "conv_bias", false),
                bool(m, "feat_proj_layer_norm", true), num(m, "hidden_size", 768), num(m, "num_hidden_layers", 12),
                num(m, "num_attention_heads", 12), num(m, "intermediate_size", 3072),
                num(m, "num_conv_pos_embeddings", 128), num(m, "num_conv_pos_embedding_groups", 16),
                (float) dbl(m, "layer_norm_eps", 1e-5));
    }

    static String str(Map<String, Object> m, String key, String def) {
        Object v = m.get(key);
        if (v == null) {
            return def;
        }
        if (!(v instanceof String s)) {
            throw VoxtokException.userInput("field " + key + " must be a string, got " + v);
        }
        return s;
    }

    static boolean bool(Map<String, Object> m, String key, boolean def) {
        Object v = m.get(key);
        if (v == null) {
            return def;
        }
        if (!(v instanceof Boolean b)) {
            throw VoxtokException.userInput("field " + key + " must be true or false, got " + v);
        }
        return b;
    }

    static double dbl(Map<String, Object> m, String key, double def) {
        Object v = m.get(key);
        if (v == null) {
            return def;
        }
        if (!(v instanceof Number n)) {
            throw VoxtokException.userInput("field " + key + " must be a number, got " + v);
        }
        return n.doubleValue();
    }

    static int num(Map<String, Object> m, String key, int def) {
        double d = dbl(m, key, def);
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw VoxtokException.userInput("field " + key + " must be an integer, got " + d);
        }
        return (int) d;
    }

    private static int[] ints(Map<String, Object> m, String key, int[] def) {
        Object v = m.get(key);
        if (v == null) {
            return def.clone();
        }
        if (!(v instanceof List<?> l)) {
            throw VoxtokException.userInput("field " + key + " must be a list of integers, got " + v);
        }
        int[] out = new int[l.size()];
        for (int i = 0; i < out.length; i++) {
            double d = l.get(i) instanceof Number n ? n.doubleValue() : Double.NaN;
            if (d != Math.rint(d) || d <= 0 || d > Integer.MAX_VALUE) {
                throw VoxtokException.userInput("field " + key + " must be a list of positive integers, got " + v);
            }
            out[i] = (int) d;
        }
        return out;
    }

    /** Output channels of each feature-extractor conv (copy). */
    public int[] convDim() {
        return convDim.clone();
    }

    /** Kernel of each conv (copy). */
    public int[] convKernel() {
        return convKernel.clone();
    }

    /** Stride of each conv (copy). */
    public int[] convStride() {
        return convStride.clone();
    }

    /** Number of feature-extractor convs. */
    public int numConvLayers() {
        return convDim.length;
    }

    /** Whether the convs have a bias. */
    public boolean convBias() {
        return convBias;
    }

    /** Whether the feature projection starts with a layer norm. */
    public boolean featProjLayerNorm() {
        return featProjLayerNorm;
    }

    /** Transformer width. */
    public int hiddenSize() {
        return hiddenSize;
    }

    /** Transformer layers. */
    public int numHiddenLayers() {
        return numHiddenLayers;
    }

    /** Attention heads. */
    public int numAttentionHeads() {
        return numAttentionHeads;
    }

    /** Feed-forward width. */
    public int intermediateSize() {
        return intermediateSize;
    }

    /** Positional conv kernel. */
    public int numConvPosEmbeddings() {
        return numConvPosEmbeddings;
    }

    /** Positional conv groups. */
    public int numConvPosEmbeddingGroups() {
        return numConvPosEmbeddingGroups;
    }

    /** Layer norm epsilon. */
    public float layerNormEps() {
        return layerNormEps;
    }

    /** Samples per output frame (product of the strides, 320 for base). */
    public int hopSamples() {
        int h = 1;
        for (int s : convStride) {
            h *= s;
        }
        return h;
    }

    /** Output frames for {@code samples} input samples: {@code L -> floor((L - k) / s) + 1} per conv, 0 when too short. */
    public int frames(long samples) {
        long n = samples;
        for (int i = 0; i < convKernel.length; i++) {
            if (n < convKernel[i]) {
                return 0;
            }
            n = (n - convKernel[i]) / convStride[i] + 1;
        }
        return Math.toIntExact(n);
    }

    /** Frames of conv layer {@code layer} (0-based) for {@code samples} input samples. */
    public int framesAfterConv(int layer, long samples) {
        long n = samples;
        for (int i = 0; i <= layer; i++) {
            if (n < convKernel[i]) {
                return 0;
            }
            n = (n - convKernel[i]) / convStride[i] + 1;
        }
        return Math.toIntExact(n);
    }

    @Override
    public String toString() {
        return "HubertConfig[conv " + Arrays.toString(convDim) + " k" + Arrays.toString(convKernel) + " s"
                + Arrays.toString(convStride) + (convBias ? " bias" : "") + ", hidden " + hiddenSize + ", layers "
                + numHiddenLayers + ", heads " + numAttentionHeads + ", ffn " + intermediateSize + ", pos conv "
                + numConvPosEmbeddings + "/" + numConvPosEmbeddingGroups + "]";
    }
}
