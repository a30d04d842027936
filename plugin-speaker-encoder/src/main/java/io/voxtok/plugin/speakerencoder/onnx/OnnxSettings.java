package io.voxtok.plugin.speakerencoder.onnx;

import io.voxtok.api.ComponentConfig;
import io.voxtok.api.VoxtokException;

import java.util.Locale;
import java.util.Set;

/**
 * The options of an {@code onnx-speaker-encoder} ({@code -O KEY=VALUE} / {@link ComponentConfig} properties):
 * {@code input} ({@code waveform}, the default, or {@code fbank}), {@code output} (output name; default the first),
 * {@code sample_rate} (16000), {@code min_samples} (shortest waveform input; 400), and for fbank input
 * {@code fbank_bins} (80), {@code fbank_scale} (multiplier applied to [-1, 1] audio first; 32768, the 16-bit scale
 * Kaldi-style toolkits read) and {@code fbank_cmn} (subtract each bin's utterance mean; true, as WeSpeaker does).
 *
 * @param input         the input kind
 * @param output        the output name, or null for the first output
 * @param sampleRate    input sample rate
 * @param minSamples    shortest waveform accepted
 * @param bins          fbank bins
 * @param fbankScale    waveform multiplier before the fbank
 * @param meanNormalize per-bin mean removal of the fbank
 */
public record OnnxSettings(OnnxInputKind input, String output, int sampleRate, int minSamples, int bins,
                           double fbankScale, boolean meanNormalize) {
    /** The option keys. */
    public static final Set<String> KEYS = Set.of("input", "output", "sample_rate", "min_samples", "fbank_bins",
            "fbank_scale", "fbank_cmn");

    /** Reads and validates the options of {@code config}. */
    public static OnnxSettings of(ComponentConfig config) {
        config.requireKnownKeys(KEYS);
        OnnxInputKind kind = OnnxInputKind.parse(config.get("input").orElse("waveform"));
        try {
            OnnxSettings s = new OnnxSettings(kind, config.get("output").orElse(null),
                    Integer.parseInt(config.get("sample_rate").orElse("16000")),
                    Integer.parseInt(config.get("min_samples").orElse("400")),
                    Integer.parseInt(config.get("fbank_bins").orElse("80")),
                    Double.parseDouble(config.get("fbank_scale").orElse("32768")),
                    bool(config.get("fbank_cmn").orElse("true")));
            if (s.sampleRate <= 0 || s.minSamples <= 0 || s.bins <= 0 || !(s.fbankScale > 0)) {
                throw VoxtokException.userInput("onnx-speaker-encoder: sample_rate, min_samples, fbank_bins and "
                        + "fbank_scale must be positive");
            }
            return s;
        } catch (NumberFormatException e) {
            throw VoxtokException.userInput("onnx-speaker-encoder: bad number in options: " + e.getMessage());
        }
    }

    /** Shortest input in samples. */
    public int minSamples() {
        return input == OnnxInputKind.FBANK ? Math.max(minSamples, sampleRate * 25 / 1000) : minSamples;
    }

    /** One line for the encoder's description. */
    public String describe() {
        return input == OnnxInputKind.WAVEFORM ? "waveform input at " + sampleRate + " Hz"
                : String.format(Locale.ROOT, "Kaldi fbank input, %d bins, scale %s, %s", bins, fbankScale,
                meanNormalize ? "mean-normalised" : "no mean normalisation");
    }

    private static boolean bool(String s) {
        return switch (s) {
            case "true" -> true;
            case "false" -> false;
            default -> throw VoxtokException.userInput("onnx-speaker-encoder: fbank_cmn must be true or false, got " + s);
        };
    }
}
