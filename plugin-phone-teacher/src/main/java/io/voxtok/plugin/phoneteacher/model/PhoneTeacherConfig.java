package io.voxtok.plugin.phoneteacher.model;

import io.voxtok.api.VoxtokException;
import io.voxtok.nn.config.ConfigBounds;
import io.voxtok.nn.config.JsonConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Architecture of a {@link PhoneTeacherNetwork} and its phone inventory: the {@code config.json} of a model
 * directory. Immutable.
 *
 * <p>Front end: log-mel with {@code nMels} bands, an {@code nFft}-point STFT of a {@code winLength}-sample Hann
 * window every {@code hop} samples. With {@code nFft - hop} even this gives exactly {@code floor(L / hop)} frames for
 * {@code L >= hop} samples, frame {@code t} centred on sample {@code hop * t + hop / 2}, which is the feature-cache
 * convention (frame index = sample / 320 at 16 kHz).
 *
 * @param sampleRate       input sample rate in Hz
 * @param hop              samples per frame
 * @param nFft             FFT size
 * @param winLength        analysis window in samples
 * @param nMels            mel bands
 * @param channels         width of every convolution block (the feature dimension)
 * @param kernelSize       convolution kernel size (odd)
 * @param numLayers        convolution blocks
 * @param recommendedLayer hidden state recommended for distillation (see {@link PhoneTeacherNetwork})
 * @param phones           the phone inventory: class {@code i} is {@code phones.get(i)}, sorted, unique
 */
public record PhoneTeacherConfig(int sampleRate, int hop, int nFft, int winLength, int nMels, int channels,
                                 int kernelSize, int numLayers, int recommendedLayer, List<String> phones) {
    /** The {@code model_type} written to and expected in {@code config.json}. */
    public static final String MODEL_TYPE = "voxtok-phone-teacher";

    /** Validates and copies. */
    public PhoneTeacherConfig {
        phones = List.copyOf(phones);
        if (sampleRate <= 0 || hop <= 0 || nMels <= 0 || channels <= 0 || numLayers <= 0) {
            throw new IllegalArgumentException("sample_rate, hop_length, n_mels, channels and num_layers must be positive");
        }
        if (winLength <= 0 || winLength > nFft || hop > nFft || (nFft - hop) % 2 != 0) {
            throw new IllegalArgumentException("need win_length <= n_fft, hop_length <= n_fft and n_fft - hop_length even"
                    + " (so that frames are centred on hop * t + hop / 2), got n_fft " + nFft + ", hop_length " + hop
                    + ", win_length " + winLength);
        }
        if (kernelSize <= 0 || kernelSize % 2 == 0) {
            throw new IllegalArgumentException("kernel_size must be odd and positive, got " + kernelSize);
        }
        if (recommendedLayer < 0 || recommendedLayer >= numLayers) {
            throw new IllegalArgumentException("recommended_layer must be in 0.." + (numLayers - 1) + ", got "
                    + recommendedLayer);
        }
        if (phones.isEmpty()) {
            throw new IllegalArgumentException("the phone inventory is empty");
        }
        for (int i = 1; i < phones.size(); i++) {
            if (phones.get(i - 1).compareTo(phones.get(i)) >= 0) {
                throw new IllegalArgumentException("phones must be sorted and unique, got " + phones.get(i - 1)
                        + " before " + phones.get(i));
            }
        }
    }

    /** Output frames per second. */
    public double frameRate() {
        return sampleRate / (double) hop;
    }

    /** Feature dimension served by the teacher. */
    public int featureDim() {
        return channels;
    }

    /** Phone classes. */
    public int numPhones() {
        return phones.size();
    }

    /** Class index of {@code phone}, or -1 when it is not in the inventory. */
    public int indexOf(String phone) {
        int i = java.util.Collections.binarySearch(phones, phone);
        return i >= 0 ? i : -1;
    }

    /** The same architecture with another inventory (the recipe knows the phones only once it read the corpus). */
    public PhoneTeacherConfig withPhones(List<String> inventory) {
        return new PhoneTeacherConfig(sampleRate, hop, nFft, winLength, nMels, channels, kernelSize, numLayers,
                recommendedLayer, inventory);
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
        m.put("frame_rate", frameRate());
        m.put("n_fft", nFft);
        m.put("win_length", winLength);
        m.put("n_mels", nMels);
        m.put("channels", channels);
        m.put("kernel_size", kernelSize);
        m.put("num_layers", numLayers);
        m.put("feature_dim", featureDim());
        m.put("recommended_layer", recommendedLayer);
        m.put("num_phones", phones.size());
        m.put("phones", phones);
        return m;
    }

    /**
     * Reads the architecture fields (all with defaults: 16 kHz, hop 320, n_fft 512, window 400, 80 mels, 3 blocks of
     * 256 channels with kernel 5, recommended layer = the last) and the phone list when present.
     *
     * @param json          a {@code config.json} or training configuration
     * @param requirePhones whether {@code phones} must be present (model directories) or may be absent (training
     *                      configurations, whose inventory comes from the corpus)
     * @throws VoxtokException USER_INPUT naming the file and the field
     */
    public static PhoneTeacherConfig fromJson(JsonConfig json, boolean requirePhones) {
        json.optString("model_type").ifPresent(t -> {
            if (!t.equals(MODEL_TYPE)) {
                throw VoxtokException.userInput(json.source() + ": model_type is \"" + t + "\", expected \""
                        + MODEL_TYPE + "\"");
            }
        });
        int layers = json.optInt("num_layers").orElse(3);
        List<String> phones = new ArrayList<>();
        Object raw = json.raw("phones").orElse(null);
        if (raw instanceof List<?> list) {
            for (Object o : list) {
                if (!(o instanceof String s)) {
                    throw VoxtokException.userInput(json.source() + ": phones must be a list of strings, found " + o);
                }
                phones.add(s);
            }
        } else if (raw != null) {
            throw VoxtokException.userInput(json.source() + ": phones must be a list of strings");
        } else if (requirePhones) {
            throw VoxtokException.userInput(json.source() + " has no phones list (the phone inventory)");
        } else {
            phones.add("?"); // placeholder until the recipe reads the corpus' inventory
        }
        PhoneTeacherConfig c;
        try {
            c = new PhoneTeacherConfig(json.optInt("sample_rate").orElse(16_000),
                    json.optInt("hop_length").orElse(320), json.optInt("n_fft").orElse(512),
                    json.optInt("win_length").orElse(400), json.optInt("n_mels").orElse(80),
                    json.optInt("channels").orElse(256), json.optInt("kernel_size").orElse(5), layers,
                    json.optInt("recommended_layer").orElse(layers - 1), phones);
        } catch (IllegalArgumentException e) {
            throw VoxtokException.userInput(json.source() + ": " + e.getMessage());
        }
        checkBounds(c, json.source());
        return c;
    }

    /**
     * Refuses sizes far beyond any phone classifier (issue #16: absurd sizes in a config reached the allocator),
     * before anything is allocated: each field in a range, and the whole model under
     * {@link ConfigBounds#MAX_PARAMETERS}.
     */
    private static void checkBounds(PhoneTeacherConfig c, String src) {
        ConfigBounds.range(src, "sample_rate", c.sampleRate(), 1_000, 768_000);
        ConfigBounds.range(src, "hop_length", c.hop(), 1, 1 << 16);
        ConfigBounds.range(src, "n_fft", c.nFft(), 1, 1 << 16);
        ConfigBounds.range(src, "n_mels", c.nMels(), 1, 1024);
        ConfigBounds.range(src, "channels", c.channels(), 1, 16_384);
        ConfigBounds.range(src, "kernel_size", c.kernelSize(), 1, 255);
        ConfigBounds.range(src, "num_layers", c.numLayers(), 1, 64);
        ConfigBounds.range(src, "phones (count)", c.numPhones(), 1, 65_536);
        double k = c.kernelSize();
        double parameters = c.nMels() * (double) c.channels() * k
                + (c.numLayers() - 1) * (double) c.channels() * c.channels() * k
                + (double) c.channels() * c.numPhones();
        ConfigBounds.parameters(src, "n_mels, channels, kernel_size, num_layers, phones", parameters);
    }
}
