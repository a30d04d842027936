package io.voxtok.plugin.speakerencoder.model;

import io.voxtok.api.VoxtokException;
import io.voxtok.nn.config.ConfigBounds;
import io.voxtok.nn.config.JsonConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Architecture of a {@link SpeakerEncoderNetwork}: the {@code config.json} of a model directory. Immutable.
 *
 * <p>Front end: log-mel with {@code nMels} bands of an {@code nFft}-point STFT of a {@code winLength}-sample Hann
 * window every {@code hop} samples ({@code floor(L / hop)} frames for {@code L} samples). Frame layers: one
 * dilated convolution per entry of {@code kernels}/{@code dilations}, {@code channels} wide except the last, which
 * is {@code poolChannels} wide. Then statistics pooling (mean and standard deviation over time) and a linear
 * embedding layer of {@code embeddingDim}.
 *
 * @param sampleRate   input sample rate in Hz
 * @param hop          samples per frame
 * @param nFft         FFT size
 * @param winLength    analysis window in samples
 * @param nMels        mel bands
 * @param channels     width of the frame layers before the last
 * @param poolChannels width of the last frame layer (what is pooled)
 * @param kernels      kernel size of each frame layer (odd)
 * @param dilations    dilation of each frame layer
 * @param embeddingDim embedding length
 */
public record SpeakerEncoderConfig(int sampleRate, int hop, int nFft, int winLength, int nMels, int channels,
                                   int poolChannels, List<Integer> kernels, List<Integer> dilations,
                                   int embeddingDim) {
    /** The {@code model_type} written to and expected in {@code config.json}. */
    public static final String MODEL_TYPE = "voxtok-speaker-encoder";

    /** Validates and copies. */
    public SpeakerEncoderConfig {
        kernels = List.copyOf(kernels);
        dilations = List.copyOf(dilations);
        if (sampleRate <= 0 || hop <= 0 || nMels <= 0 || channels <= 0 || poolChannels <= 0 || embeddingDim <= 0) {
            throw new IllegalArgumentException("sample_rate, hop_length, n_mels, channels, pool_channels and "
                    + "embedding_dim must be positive");
        }
        if (winLength <= 0 || winLength > nFft || hop > nFft || (nFft - hop) % 2 != 0) {
            throw new IllegalArgumentException("need win_length <= n_fft, hop_length <= n_fft and n_fft - hop_length "
                    + "even, got n_fft " + nFft + ", hop_length " + hop + ", win_length " + winLength);
        }
        if (kernels.isEmpty() || kernels.size() != dilations.size()) {
            throw new IllegalArgumentException("kernels and dilations must be non-empty lists of one length, got "
                    + kernels + " and " + dilations);
        }
        for (int i = 0; i < kernels.size(); i++) {
            if (kernels.get(i) <= 0 || kernels.get(i) % 2 == 0 || dilations.get(i) <= 0) {
                throw new IllegalArgumentException("kernel sizes must be odd and positive and dilations positive, got "
                        + kernels + " and " + dilations);
            }
        }
    }

    /** Number of frame layers. */
    public int numLayers() {
        return kernels.size();
    }

    /** Output width of frame layer {@code i}. */
    public int layerWidth(int i) {
        return i == kernels.size() - 1 ? poolChannels : channels;
    }

    /** Frames for {@code samples} input samples: {@code floor(samples / hop)}. */
    public int frames(int samples) {
        return samples / hop;
    }

    /** The {@code config.json} fields, in a fixed order. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model_type", MODEL_TYPE);
        m.put("sample_rate", sampleRate);
        m.put("hop_length", hop);
        m.put("n_fft", nFft);
        m.put("win_length", winLength);
        m.put("n_mels", nMels);
        m.put("channels", channels);
        m.put("pool_channels", poolChannels);
        m.put("kernels", kernels);
        m.put("dilations", dilations);
        m.put("embedding_dim", embeddingDim);
        return m;
    }

    /**
     * Reads the architecture fields, all with defaults (16 kHz, hop 160, n_fft 512, window 400, 40 mels, frame
     * layers (5, 1), (3, 2), (3, 3), (1, 1) of 256 channels with a 512-wide last layer, 128-d embedding).
     *
     * @throws VoxtokException USER_INPUT naming the file and the field
     */
    public static SpeakerEncoderConfig fromJson(JsonConfig json) {
        json.optString("model_type").ifPresent(t -> {
            if (!t.equals(MODEL_TYPE)) {
                throw VoxtokException.userInput(json.source() + ": model_type is \"" + t + "\", expected \""
                        + MODEL_TYPE + "\"");
            }
        });
        SpeakerEncoderConfig c;
        try {
            c = new SpeakerEncoderConfig(json.optInt("sample_rate").orElse(16_000),
                    json.optInt("hop_length").orElse(160), json.optInt("n_fft").orElse(512),
                    json.optInt("win_length").orElse(400), json.optInt("n_mels").orElse(40),
                    json.optInt("channels").orElse(256), json.optInt("pool_channels").orElse(512),
                    ints(json, "kernels", List.of(5, 3, 3, 1)), ints(json, "dilations", List.of(1, 2, 3, 1)),
                    json.optInt("embedding_dim").orElse(128));
        } catch (IllegalArgumentException e) {
            throw VoxtokException.userInput(json.source() + ": " + e.getMessage());
        }
        checkBounds(c, json.source());
        return c;
    }

    /**
     * Refuses sizes far beyond any x-vector (issue #16: absurd sizes in a config reached the allocator), before
     * anything is allocated: each field in a range, and the whole model under {@link ConfigBounds#MAX_PARAMETERS}.
     */
    private static void checkBounds(SpeakerEncoderConfig c, String src) {
        ConfigBounds.range(src, "sample_rate", c.sampleRate(), 1_000, 768_000);
        ConfigBounds.range(src, "hop_length", c.hop(), 1, 1 << 16);
        ConfigBounds.range(src, "n_fft", c.nFft(), 1, 1 << 16);
        ConfigBounds.range(src, "n_mels", c.nMels(), 1, 1024);
        ConfigBounds.range(src, "channels", c.channels(), 1, 16_384);
        ConfigBounds.range(src, "pool_channels", c.poolChannels(), 1, 16_384);
        ConfigBounds.range(src, "embedding_dim", c.embeddingDim(), 1, 16_384);
        ConfigBounds.range(src, "kernels (count)", c.numLayers(), 1, 64);
        double parameters = 2.0 * c.poolChannels() * c.embeddingDim();
        double in = c.nMels();
        for (int i = 0; i < c.numLayers(); i++) {
            ConfigBounds.range(src, "kernels[" + i + "]", c.kernels().get(i), 1, 255);
            ConfigBounds.range(src, "dilations[" + i + "]", c.dilations().get(i), 1, 1024);
            parameters += in * c.layerWidth(i) * c.kernels().get(i);
            in = c.layerWidth(i);
        }
        ConfigBounds.parameters(src, "n_mels, channels, pool_channels, kernels, embedding_dim", parameters);
    }

    private static List<Integer> ints(JsonConfig json, String field, List<Integer> def) {
        if (!json.hasValue(field)) {
            return def;
        }
        List<Integer> out = new ArrayList<>();
        for (int v : json.requireIntArray(field)) {
            out.add(v);
        }
        return out;
    }
}
