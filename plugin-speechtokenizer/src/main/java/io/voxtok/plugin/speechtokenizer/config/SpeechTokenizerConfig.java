package io.voxtok.plugin.speechtokenizer.config;

import io.voxtok.api.VoxtokException;
import io.voxtok.nn.config.ConfigBounds;
import io.voxtok.nn.config.JsonConfig;
import io.voxtok.nn.config.JsonConfigReader;
import io.voxtok.nn.seanet.SeanetActivation;
import io.voxtok.nn.seanet.SeanetConfig;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Model fields of SpeechTokenizer's {@code config.json} (SPEC 2.1). Training-only fields of the same file are
 * ignored. Everything the official code hard-codes (mono, kernels 7/7, non-causal, reflect padding, weight
 * norm, compress 2, no true skip) is fixed; a file that sets one of those fields to another value is refused,
 * naming the field, rather than silently ignored. Immutable.
 *
 * @param nFilters           {@code n_filters}: SEANet base width
 * @param strides            {@code strides}: decoder up-sampling ratios (the encoder uses them reversed)
 * @param dimension          {@code dimension}: latent and codebook dimension
 * @param semanticDimension  {@code semantic_dimension}: output of {@code transform} (identity when equal)
 * @param bidirectional      {@code bidirectional}: encoder LSTM direction(s)
 * @param dilationBase       {@code dilation_base}
 * @param residualKernelSize {@code residual_kernel_size}
 * @param nResidualLayers    {@code n_residual_layers}
 * @param lstmLayers         {@code lstm_layers} (0: no LSTM)
 * @param activation         {@code activation}: {@code "ELU"} or {@code "Snake"}
 * @param codebookSize       {@code codebook_size}
 * @param nQ                 {@code n_q}: number of RVQ codebooks
 * @param sampleRate         {@code sample_rate} in Hz
 */
public record SpeechTokenizerConfig(int nFilters, int[] strides, int dimension, int semanticDimension,
                                    boolean bidirectional, int dilationBase, int residualKernelSize,
                                    int nResidualLayers, int lstmLayers, SeanetActivation activation,
                                    int codebookSize, int nQ, int sampleRate) {

    /** Validates (arguments are named as in {@code config.json}) and copies the strides. */
    public SpeechTokenizerConfig {
        Objects.requireNonNull(activation, "activation");
        strides = strides.clone();
        positive("n_filters", nFilters);
        positive("dimension", dimension);
        positive("semantic_dimension", semanticDimension);
        positive("dilation_base", dilationBase);
        positive("residual_kernel_size", residualKernelSize);
        positive("codebook_size", codebookSize);
        positive("n_q", nQ);
        positive("sample_rate", sampleRate);
        if (nResidualLayers < 0) {
            throw new IllegalArgumentException("n_residual_layers must be >= 0, got " + nResidualLayers);
        }
        if (lstmLayers < 0) {
            throw new IllegalArgumentException("lstm_layers must be >= 0, got " + lstmLayers);
        }
        if (strides.length == 0) {
            throw new IllegalArgumentException("strides must not be empty");
        }
        for (int s : strides) {
            positive("strides[i]", s);
        }
        // Upper bounds far above any real model: a config asking for more would allocate gigabytes or run for
        // minutes before anything else could fail, so it is refused here, naming the field.
        atMost("n_filters", nFilters, 4096);
        atMost("dimension", dimension, 16384);
        atMost("semantic_dimension", semanticDimension, 16384);
        atMost("dilation_base", dilationBase, 64);
        atMost("residual_kernel_size", residualKernelSize, 255);
        atMost("n_residual_layers", nResidualLayers, 64);
        atMost("lstm_layers", lstmLayers, 64);
        atMost("codebook_size", codebookSize, 1 << 20);
        atMost("n_q", nQ, 1024);
        atMost("sample_rate", sampleRate, 384_000);
        atMost("strides (count)", strides.length, 16);
        long hop = 1;
        for (int s : strides) {
            atMost("strides[i]", s, 1024);
            hop *= s;
            if (hop > 1 << 20) {
                throw new IllegalArgumentException("strides multiply to more than " + (1 << 20)
                        + " samples per frame: " + Arrays.toString(strides));
            }
        }
        // The codec plus the semantic transform; see ConfigBounds for the estimate.
        double parameters = ConfigBounds.seanetCodecParameters(nFilters, strides.length, dimension,
                residualKernelSize, nResidualLayers, lstmLayers, bidirectional, codebookSize, nQ)
                + (double) dimension * semanticDimension;
        if (parameters > ConfigBounds.MAX_PARAMETERS) {
            throw new IllegalArgumentException(String.format("n_filters, dimension, lstm_layers, codebook_size and "
                    + "n_q describe a model of about %.3g parameters, more than the %.3g accepted",
                    parameters, ConfigBounds.MAX_PARAMETERS));
        }
    }

    private static void atMost(String name, int v, int max) {
        if (v > max) {
            throw new IllegalArgumentException(name + " is " + v + ", more than the " + max + " this reader "
                    + "accepts (no real model comes near it)");
        }
    }

    /**
     * The configuration of the released checkpoints ({@code config/spt_base_cfg.json}: 64 filters, strides
     * [8,5,4,2], dimension 1024, semantic dimension 768, BiLSTM 2 layers, 8 x 1024 codes, 16 kHz).
     *
     * @param activation ELU ({@code speechtokenizer_hubert_avg}) or SNAKE ({@code speechtokenizer_snake})
     */
    public static SpeechTokenizerConfig official(SeanetActivation activation) {
        return new SpeechTokenizerConfig(64, new int[] {8, 5, 4, 2}, 1024, 768, true, 2, 3, 1, 2, activation, 1024,
                8, 16000);
    }

    /** Reads and validates {@code config.json}. */
    public static SpeechTokenizerConfig read(Path file) {
        return fromJson(JsonConfigReader.read(file));
    }

    /**
     * Builds the configuration from a parsed {@code config.json}.
     *
     * @throws VoxtokException naming the file and field when a model field is missing, mistyped or unsupported
     */
    public static SpeechTokenizerConfig fromJson(JsonConfig json) {
        refuseUnless(json, "causal", false);
        refuseUnless(json, "true_skip", false);
        refuseUnlessInt(json, "channels", 1);
        refuseUnlessInt(json, "kernel_size", 7);
        refuseUnlessInt(json, "last_kernel_size", 7);
        refuseUnlessInt(json, "compress", 2);
        refuseUnlessString(json, "pad_mode", "reflect");
        refuseUnlessString(json, "norm", "weight_norm");
        String act = json.requireString("activation");
        SeanetActivation activation;
        try {
            activation = SeanetActivation.parse(act);
        } catch (IllegalArgumentException e) {
            throw unsupported(json, "activation", "\"" + act + "\" (supported: \"ELU\", \"Snake\")");
        }
        int sampleRate = json.requireInt("sample_rate");
        Optional<Integer> sampling = json.optInt("sampling_rate");
        if (sampling.isPresent() && sampling.get() != sampleRate) {
            throw unsupported(json, "sampling_rate", sampling.get() + " differs from sample_rate " + sampleRate);
        }
        try {
            return new SpeechTokenizerConfig(json.requireInt("n_filters"), json.requireIntArray("strides"),
                    json.requireInt("dimension"), json.requireInt("semantic_dimension"),
                    json.requireBoolean("bidirectional"), json.requireInt("dilation_base"),
                    json.requireInt("residual_kernel_size"), json.requireInt("n_residual_layers"),
                    json.requireInt("lstm_layers"), activation, json.requireInt("codebook_size"),
                    json.requireInt("n_q"), sampleRate);
        } catch (IllegalArgumentException e) {
            throw VoxtokException.userInput("config " + json.source() + ": " + e.getMessage());
        }
    }

    /** The SEANet configuration of encoder and decoder. */
    public SeanetConfig seanet() {
        return SeanetConfig.speechTokenizer(nFilters, dimension, strides, lstmLayers, bidirectional, dilationBase,
                residualKernelSize, nResidualLayers, activation);
    }

    /** Samples per frame: the product of the strides (320 for the released models). */
    public int hopLength() {
        int hop = 1;
        for (int s : strides) {
            hop *= s;
        }
        return hop;
    }

    /** Whether {@code transform} is a linear layer (it is the identity when the dimensions are equal). */
    public boolean hasTransform() {
        return dimension != semanticDimension;
    }

    /** The strides (copy). */
    @Override
    public int[] strides() {
        return strides.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpeechTokenizerConfig c && nFilters == c.nFilters && Arrays.equals(strides, c.strides)
                && dimension == c.dimension && semanticDimension == c.semanticDimension
                && bidirectional == c.bidirectional && dilationBase == c.dilationBase
                && residualKernelSize == c.residualKernelSize && nResidualLayers == c.nResidualLayers
                && lstmLayers == c.lstmLayers && activation == c.activation && codebookSize == c.codebookSize
                && nQ == c.nQ && sampleRate == c.sampleRate;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(strides) + Objects.hash(nFilters, dimension, semanticDimension, bidirectional,
                dilationBase, residualKernelSize, nResidualLayers, lstmLayers, activation, codebookSize, nQ,
                sampleRate);
    }

    @Override
    public String toString() {
        return "SpeechTokenizerConfig[n_filters=" + nFilters + ", strides=" + Arrays.toString(strides)
                + ", dimension=" + dimension + ", semantic_dimension=" + semanticDimension + ", bidirectional="
                + bidirectional + ", dilation_base=" + dilationBase + ", residual_kernel_size=" + residualKernelSize
                + ", n_residual_layers=" + nResidualLayers + ", lstm_layers=" + lstmLayers + ", activation="
                + activation + ", codebook_size=" + codebookSize + ", n_q=" + nQ + ", sample_rate=" + sampleRate
                + "]";
    }

    private static void positive(String name, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + v);
        }
    }

    private static void refuseUnless(JsonConfig json, String field, boolean supported) {
        Optional<Boolean> v = json.optBoolean(field);
        if (v.isPresent() && v.get() != supported) {
            throw unsupported(json, field, v.get() + " (SpeechTokenizer supports only " + supported + ")");
        }
    }

    private static void refuseUnlessInt(JsonConfig json, String field, int supported) {
        Optional<Integer> v = json.optInt(field);
        if (v.isPresent() && v.get() != supported) {
            throw unsupported(json, field, v.get() + " (SpeechTokenizer supports only " + supported + ")");
        }
    }

    private static void refuseUnlessString(JsonConfig json, String field, String supported) {
        Optional<String> v = json.optString(field);
        if (v.isPresent() && !v.get().equals(supported)) {
            throw unsupported(json, field, "\"" + v.get() + "\" (SpeechTokenizer supports only \"" + supported
                    + "\")");
        }
    }

    private static VoxtokException unsupported(JsonConfig json, String field, String detail) {
        return VoxtokException.userInput("config " + json.source() + ": unsupported value of field \"" + field
                + "\": " + detail);
    }
}
