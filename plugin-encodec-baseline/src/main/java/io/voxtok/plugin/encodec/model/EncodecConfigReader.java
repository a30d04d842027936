package io.voxtok.plugin.encodec.model;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.nn.config.ConfigBounds;
import io.voxtok.nn.config.JsonConfig;
import io.voxtok.nn.config.JsonConfigReader;
import io.voxtok.nn.conv.PaddingMode;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads an EnCodec {@code config.json} in either of two layouts:
 * <ul>
 *   <li>the official constructor arguments (the official code has no config file; this layout records the
 *       arguments of {@code EncodecModel._get_model} with nested {@code encoder}, {@code decoder} and
 *       {@code quantizer} objects, as the parity fixture does); absent fields take the official defaults;</li>
 *   <li>a Hugging Face {@code EncodecConfig} ({@code "model_type": "encodec"}: {@code sampling_rate},
 *       {@code audio_channels}, {@code num_filters}, {@code upsampling_ratios}, {@code norm_type} ...).</li>
 * </ul>
 * Settings this implementation does not support (another activation, a final activation, different encoder and
 * decoder arguments) are refused with a message naming the file and the field.
 */
public final class EncodecConfigReader {
    private EncodecConfigReader() {
    }

    /** Reads a config file in either layout. */
    public static EncodecConfig read(Path file) {
        return parse(JsonConfigReader.read(file));
    }

    /** Parses a config in either layout. */
    public static EncodecConfig parse(JsonConfig json) {
        boolean hf = json.optString("model_type").map("encodec"::equals).orElse(false) || json.has("sampling_rate");
        EncodecConfig config;
        try {
            config = hf ? fromHuggingFace(json) : fromConstructorArguments(json);
        } catch (VoxtokException e) {
            // EncodecConfig checks its fields without knowing the file (EncodecConfigFuzzTest found messages like
            // "EnCodec config 'unset': channels must be 1 or 2"): name it here.
            if (e.kind() == ErrorKind.USER_INPUT && !e.getMessage().contains(json.source())) {
                throw new VoxtokException(ErrorKind.USER_INPUT, json.source() + ": " + e.getMessage(), e);
            }
            throw e;
        }
        checkBounds(config, json.source(), hf);
        return config;
    }

    /**
     * Refuses sizes far beyond any released EnCodec (named as the file's layout names them), and a model
     * estimated past {@link ConfigBounds#MAX_PARAMETERS}, before anything is allocated.
     */
    private static void checkBounds(EncodecConfig c, String src, boolean hf) {
        ConfigBounds.range(src, hf ? "num_filters" : "encoder.n_filters", c.nFilters(), 1, 4096);
        ConfigBounds.range(src, hf ? "hidden_size" : "encoder.dimension", c.dimension(), 1, 16384);
        ConfigBounds.range(src, hf ? "num_residual_layers" : "encoder.n_residual_layers", c.nResidualLayers(), 0,
                64);
        ConfigBounds.range(src, hf ? "num_lstm_layers" : "encoder.lstm", c.lstmLayers(), 0, 64);
        ConfigBounds.range(src, "kernel_size", c.kernelSize(), 1, 255);
        ConfigBounds.range(src, "last_kernel_size", c.lastKernelSize(), 1, 255);
        ConfigBounds.range(src, "residual_kernel_size", c.residualKernelSize(), 1, 255);
        ConfigBounds.range(src, hf ? "dilation_growth_rate" : "encoder.dilation_base", c.dilationBase(), 1, 64);
        ConfigBounds.range(src, "compress", c.compress(), 1, 64);
        ConfigBounds.range(src, hf ? "codebook_size" : "quantizer.bins", c.bins(), 2, 1 << 20);
        ConfigBounds.range(src, "target_bandwidths (codebooks at the largest)", c.numQuantizers(), 1, 1024);
        ConfigBounds.parameters(src, hf ? "num_filters, hidden_size, num_lstm_layers, codebook_size"
                        : "n_filters, dimension, lstm, bins, target_bandwidths",
                ConfigBounds.seanetCodecParameters(c.nFilters(), c.ratios().length, c.dimension(),
                        c.residualKernelSize(), c.nResidualLayers(), c.lstmLayers(), false, c.bins(),
                        c.numQuantizers()));
    }

    /** The official constructor-argument layout. */
    static EncodecConfig fromConstructorArguments(JsonConfig json) {
        String src = json.source();
        EncodecConfig d = json.optString("name").filter(n -> n.startsWith("encodec_48")).isPresent()
                ? EncodecConfig.encodec48khz() : EncodecConfig.encodec24khz();
        int sampleRate = json.optInt("sample_rate").orElse(d.sampleRate());
        int channels = json.optInt("channels").orElse(d.channels());
        boolean causal = json.optBoolean("causal").orElse(d.causal());
        ConvNorm norm = ConvNorm.parse(json.optString("model_norm").orElse(d.norm().configName()), src);
        boolean normalize = json.optBoolean("audio_normalize").orElse(d.audioNormalize());
        double segment = json.hasValue("segment") ? json.requireDouble("segment")
                : json.has("segment") ? 0 : d.segmentSeconds();
        double overlap = json.hasValue("overlap") ? json.requireDouble("overlap") : d.overlap();
        double[] bandwidths = json.has("target_bandwidths") ? doubles(json, "target_bandwidths")
                : d.targetBandwidths();
        JsonConfig enc = nested(json, "encoder");
        JsonConfig dec = nested(json, "decoder");
        JsonConfig q = nested(json, "quantizer");
        String[] shared = {"channels", "dimension", "n_filters", "n_residual_layers", "ratios", "activation",
            "activation_params", "norm", "kernel_size", "last_kernel_size", "residual_kernel_size", "dilation_base",
            "causal", "pad_mode", "true_skip", "compress", "lstm"};
        if (enc != null && dec != null) {
            for (String f : shared) {
                if (!Objects.equals(enc.raw(f), dec.raw(f))) {
                    throw VoxtokException.userInput("config " + src + ": encoder and decoder differ in \"" + f
                            + "\"; this implementation builds both from the same SEANet arguments");
                }
            }
            if (dec.hasValue("final_activation")) {
                throw VoxtokException.userInput("config " + src + ": decoder.final_activation is not supported "
                        + "(no released EnCodec has one)");
            }
        }
        JsonConfig s = enc != null ? enc : new JsonConfig(Map.of(), src);
        if (s.hasValue("activation") && !"ELU".equals(s.requireString("activation"))) {
            throw VoxtokException.userInput("config " + src + ": encoder.activation must be ELU, got "
                    + s.requireString("activation"));
        }
        double alpha = d.eluAlpha();
        if (s.raw("activation_params").orElse(null) instanceof Map<?, ?> p && p.get("alpha") instanceof BigDecimal a) {
            alpha = a.doubleValue();
        }
        if (s.hasValue("causal") && s.requireBoolean("causal") != causal) {
            throw VoxtokException.userInput("config " + src + ": encoder.causal disagrees with causal");
        }
        if (s.hasValue("norm") && ConvNorm.parse(s.requireString("norm"), src) != norm) {
            throw VoxtokException.userInput("config " + src + ": encoder.norm disagrees with model_norm");
        }
        int dimension = s.optInt("dimension").orElse(d.dimension());
        double trim = dec != null && dec.hasValue("trim_right_ratio") ? dec.requireDouble("trim_right_ratio")
                : d.trimRightRatio();
        int bins = q != null ? q.optInt("bins").orElse(d.bins()) : d.bins();
        if (q != null && q.hasValue("dimension") && q.requireInt("dimension") != dimension) {
            throw VoxtokException.userInput("config " + src + ": quantizer.dimension differs from the SEANet dimension");
        }
        int[] ratios = s.hasValue("ratios") ? s.requireIntArray("ratios") : d.ratios();
        int hop = ConfigBounds.hop(src, "encoder.ratios", ratios);
        ConfigBounds.range(src, "sample_rate", sampleRate, 1, 384_000);
        int frameRate = (sampleRate + hop - 1) / hop;
        int nq = EncodecConfig.officialNumQuantizers(bandwidths[bandwidths.length - 1], frameRate);
        if (q != null && q.hasValue("n_q") && q.requireInt("n_q") != nq) {
            throw VoxtokException.userInput("config " + src + ": quantizer.n_q is " + q.requireInt("n_q")
                    + " but the official builder gives " + nq + " for these bandwidths");
        }
        return new EncodecConfig(json.optString("name").orElse("unset"), sampleRate, channels, causal, norm,
                normalize, segment, overlap, bandwidths, s.optInt("n_filters").orElse(d.nFilters()), dimension,
                s.optInt("n_residual_layers").orElse(d.nResidualLayers()), ratios, alpha,
                s.optInt("kernel_size").orElse(d.kernelSize()), s.optInt("last_kernel_size").orElse(d.lastKernelSize()),
                s.optInt("residual_kernel_size").orElse(d.residualKernelSize()),
                s.optInt("dilation_base").orElse(d.dilationBase()), padMode(s, "pad_mode", d),
                s.optBoolean("true_skip").orElse(d.trueSkip()), s.optInt("compress").orElse(d.compress()),
                s.optInt("lstm").orElse(d.lstmLayers()), trim, bins, nq);
    }

    /** The Hugging Face {@code EncodecConfig} layout (transformers' field names and defaults). */
    static EncodecConfig fromHuggingFace(JsonConfig json) {
        String src = json.source();
        EncodecConfig d = EncodecConfig.encodec24khz();
        int sampleRate = json.optInt("sampling_rate").orElse(d.sampleRate());
        double[] bandwidths = json.has("target_bandwidths") ? doubles(json, "target_bandwidths")
                : d.targetBandwidths();
        int[] ratios = json.hasValue("upsampling_ratios") ? json.requireIntArray("upsampling_ratios") : d.ratios();
        int hop = ConfigBounds.hop(src, "upsampling_ratios", ratios);
        ConfigBounds.range(src, "sampling_rate", sampleRate, 1, 384_000);
        int frameRate = (sampleRate + hop - 1) / hop;
        int dimension = json.optInt("hidden_size").orElse(d.dimension());
        if (json.hasValue("codebook_dim") && json.requireInt("codebook_dim") != dimension) {
            throw VoxtokException.userInput("config " + src + ": codebook_dim != hidden_size is not supported");
        }
        return new EncodecConfig(sampleRate == 48000 ? EncodecConfig.ENCODEC_48KHZ
                : sampleRate == 24000 ? EncodecConfig.ENCODEC_24KHZ : "unset", sampleRate,
                json.optInt("audio_channels").orElse(d.channels()),
                json.optBoolean("use_causal_conv").orElse(d.causal()),
                ConvNorm.parse(json.optString("norm_type").orElse(d.norm().configName()), src),
                json.optBoolean("normalize").orElse(d.audioNormalize()),
                json.hasValue("chunk_length_s") ? json.requireDouble("chunk_length_s") : 0,
                json.hasValue("overlap") ? json.requireDouble("overlap") : d.overlap(), bandwidths,
                json.optInt("num_filters").orElse(d.nFilters()), dimension,
                json.optInt("num_residual_layers").orElse(d.nResidualLayers()), ratios, d.eluAlpha(),
                json.optInt("kernel_size").orElse(d.kernelSize()),
                json.optInt("last_kernel_size").orElse(d.lastKernelSize()),
                json.optInt("residual_kernel_size").orElse(d.residualKernelSize()),
                json.optInt("dilation_growth_rate").orElse(d.dilationBase()), padMode(json, "pad_mode", d),
                !json.optBoolean("use_conv_shortcut").orElse(true), json.optInt("compress").orElse(d.compress()),
                json.optInt("num_lstm_layers").orElse(d.lstmLayers()),
                json.hasValue("trim_right_ratio") ? json.requireDouble("trim_right_ratio") : d.trimRightRatio(),
                json.optInt("codebook_size").orElse(d.bins()),
                EncodecConfig.officialNumQuantizers(bandwidths[bandwidths.length - 1], frameRate));
    }

    private static PaddingMode padMode(JsonConfig json, String field, EncodecConfig d) {
        if (!json.hasValue(field)) {
            return d.padMode();
        }
        try {
            return PaddingMode.parse(json.requireString(field));
        } catch (IllegalArgumentException e) {
            throw VoxtokException.userInput("config " + json.source() + ": " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static JsonConfig nested(JsonConfig json, String field) {
        Object v = json.raw(field).orElse(null);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw VoxtokException.userInput("config " + json.source() + ": field \"" + field + "\" must be an object");
        }
        return new JsonConfig((Map<String, Object>) m, json.source() + " (" + field + ")");
    }

    private static double[] doubles(JsonConfig json, String field) {
        Object v = json.raw(field).orElse(null);
        if (!(v instanceof List<?> list) || list.isEmpty()) {
            throw VoxtokException.userInput("config " + json.source() + ": field \"" + field
                    + "\" must be a non-empty array of numbers");
        }
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof BigDecimal b)) {
                throw VoxtokException.userInput("config " + json.source() + ": " + field + "[" + i
                        + "] must be a number");
            }
            out[i] = b.doubleValue();
        }
        return out;
    }
}
