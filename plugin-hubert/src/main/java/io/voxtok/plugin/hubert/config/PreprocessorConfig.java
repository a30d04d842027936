package io.voxtok.plugin.hubert.config;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.modelio.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Input settings from a Hugging Face {@code preprocessor_config.json} ({@code Wav2Vec2FeatureExtractor}).
 *
 * @param doNormalize whether each utterance is normalised to zero mean and unit variance,
 *                    {@code (x - mean) / sqrt(var + 1e-7)}, before the model
 * @param sampleRate  the sample rate the model expects, Hz
 */
public record PreprocessorConfig(boolean doNormalize, int sampleRate) {
    /** Used when a model directory has no {@code preprocessor_config.json}: raw 16 kHz input, as fairseq's base model. */
    public static PreprocessorConfig rawInput() {
        return new PreprocessorConfig(false, 16_000);
    }

    /**
     * Reads {@code preprocessor_config.json}; missing fields take the Wav2Vec2FeatureExtractor defaults
     * ({@code do_normalize} true, 16 kHz).
     *
     * @throws VoxtokException USER_INPUT naming the file for malformed or unsupported settings
     */
    public static PreprocessorConfig read(Path file) {
        Map<String, Object> m = Json.readObject(file);
        try {
            int featureSize = HubertConfig.num(m, "feature_size", 1);
            if (featureSize != 1) {
                throw VoxtokException.userInput("feature_size=" + featureSize + " is not supported; only 1 (raw waveform)");
            }
            int rate = HubertConfig.num(m, "sampling_rate", 16_000);
            if (rate <= 0) {
                throw VoxtokException.userInput("sampling_rate must be positive, got " + rate);
            }
            return new PreprocessorConfig(HubertConfig.bool(m, "do_normalize", true), rate);
        } catch (VoxtokException e) {
            throw new VoxtokException(ErrorKind.USER_INPUT, file + ": " + e.getMessage(), e);
        }
    }

    /** Reads {@code dir/preprocessor_config.json}, or {@link #rawInput()} when the directory has none. */
    public static PreprocessorConfig readOrDefault(Path dir) {
        Path f = dir.resolve("preprocessor_config.json");
        return Files.isRegularFile(f) ? read(f) : rawInput();
    }
}
