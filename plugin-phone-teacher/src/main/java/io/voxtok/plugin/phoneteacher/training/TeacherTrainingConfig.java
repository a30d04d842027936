package io.voxtok.plugin.phoneteacher.training;

import io.voxtok.api.VoxtokException;
import io.voxtok.nn.config.JsonConfig;
import io.voxtok.nn.config.JsonConfigReader;
import io.voxtok.plugin.phoneteacher.model.PhoneTeacherConfig;
import io.voxtok.training.config.TrainingBounds;

import java.math.BigDecimal;
import java.nio.file.Path;

/**
 * A {@code phone-teacher} training configuration ({@code configs/phone_teacher.json}): the architecture fields of
 * {@link PhoneTeacherConfig} (the phone inventory comes from the corpus) and the trainer fields, all optional:
 * {@code learning_rate} (1e-3), {@code beta1} (0.9), {@code beta2} (0.999), {@code batch_size} (16),
 * {@code segment_size} (crop length in samples, a multiple of the hop; 32000 = 2 s), {@code max_steps} (1500),
 * {@code valid_steps} (dev evaluation and best checkpoint period; 250), {@code save_steps} (checkpoint period;
 * {@code valid_steps}), {@code checkpoints_kept} (2), {@code valid_items} (dev items evaluated; 64),
 * {@code valid_seconds} (first seconds of each dev item; 30), {@code loader_threads} (1), {@code seed} (1234),
 * {@code dropout} (probability before each block after the first and before the classifier; 0),
 * {@code mel_warp} (largest relative mel-axis warp of {@link MelWarp}; 0). The trainer fields are bounded by
 * {@link TrainingBounds}.
 *
 * @param model  architecture (with a placeholder inventory)
 * @param source the file read
 */
public record TeacherTrainingConfig(PhoneTeacherConfig model, double learningRate, double beta1, double beta2,
                                    int batchSize, int segmentSize, int maxSteps, int validSteps, int saveSteps,
                                    int checkpointsKept, int validItems, double validSeconds, int loaderThreads,
                                    long seed, double dropout, double melWarp, Path source) {
    /** Reads and validates a configuration file. */
    public static TeacherTrainingConfig read(Path file) {
        JsonConfig json = JsonConfigReader.read(file);
        PhoneTeacherConfig model = PhoneTeacherConfig.fromJson(json, false);
        int valid = json.optInt("valid_steps").orElse(250);
        TeacherTrainingConfig c = new TeacherTrainingConfig(model, number(json, "learning_rate", 1e-3),
                number(json, "beta1", 0.9), number(json, "beta2", 0.999), json.optInt("batch_size").orElse(16),
                json.optInt("segment_size").orElse(32_000), json.optInt("max_steps").orElse(1500), valid,
                json.optInt("save_steps").orElse(valid), json.optInt("checkpoints_kept").orElse(2),
                json.optInt("valid_items").orElse(64), number(json, "valid_seconds", 30.0),
                json.optInt("loader_threads").orElse(1), json.optInt("seed").orElse(1234), number(json, "dropout", 0.0), number(json, "mel_warp", 0.0), file);
        c.checkBounds(json.source());
        if (c.segmentSize % model.hop() != 0) {
            throw VoxtokException.userInput(file + ": segment_size " + c.segmentSize + " is not a multiple of hop_length "
                    + model.hop());
        }
        return c;
    }

    /** The trainer fields against {@link TrainingBounds}: NaN, negative or absurd values name their field. */
    private void checkBounds(String src) {
        TrainingBounds.learningRate(src, "learning_rate", learningRate);
        TrainingBounds.beta(src, "beta1", beta1);
        TrainingBounds.beta(src, "beta2", beta2);
        TrainingBounds.batch(src, "batch_size", batchSize, "segment_size", segmentSize, model.hop(),
                model.sampleRate());
        TrainingBounds.steps(src, "max_steps", maxSteps, 1);
        TrainingBounds.steps(src, "valid_steps", validSteps, 1);
        TrainingBounds.steps(src, "save_steps", saveSteps, 1);
        TrainingBounds.count(src, "checkpoints_kept", checkpointsKept, 1, TrainingBounds.MAX_ITEMS);
        TrainingBounds.count(src, "valid_items", validItems, 1, TrainingBounds.MAX_ITEMS);
        TrainingBounds.real(src, "valid_seconds", validSeconds, 0, false, TrainingBounds.MAX_VALID_SECONDS, true);
        TrainingBounds.count(src, "loader_threads", loaderThreads, 1, TrainingBounds.MAX_THREADS);
        TrainingBounds.real(src, "dropout", dropout, 0, true, 1, false);
        TrainingBounds.real(src, "mel_warp", melWarp, 0, true, 0.5, false);
    }

    /** Frames per training crop. */
    public int segmentFrames() {
        return segmentSize / model.hop();
    }

    private static double number(JsonConfig json, String field, double def) {
        Object v = json.raw(field).orElse(null);
        if (v == null) {
            return def;
        }
        if (v instanceof BigDecimal b) {
            return b.doubleValue();
        }
        throw VoxtokException.userInput(json.source() + ": " + field + " must be a number, got " + v);
    }
}
