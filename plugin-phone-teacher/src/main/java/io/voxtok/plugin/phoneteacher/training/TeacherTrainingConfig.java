package io.voxtok.plugin.phoneteacher.training;

import io.voxtok.api.VoxtokException;
import io.voxtok.nn.config.JsonConfig;
import io.voxtok.nn.config.JsonConfigReader;
import io.voxtok.plugin.phoneteacher.model.PhoneTeacherConfig;

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
 * {@code mel_warp} (largest relative mel-axis warp of {@link MelWarp}; 0).
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
        int valid = positive(json, "valid_steps", json.optInt("valid_steps").orElse(250));
        TeacherTrainingConfig c = new TeacherTrainingConfig(model, number(json, "learning_rate", 1e-3),
                number(json, "beta1", 0.9), number(json, "beta2", 0.999),
                positive(json, "batch_size", json.optInt("batch_size").orElse(16)),
                positive(json, "segment_size", json.optInt("segment_size").orElse(32_000)),
                positive(json, "max_steps", json.optInt("max_steps").orElse(1500)), valid,
                positive(json, "save_steps", json.optInt("save_steps").orElse(valid)),
                positive(json, "checkpoints_kept", json.optInt("checkpoints_kept").orElse(2)),
                positive(json, "valid_items", json.optInt("valid_items").orElse(64)),
                number(json, "valid_seconds", 30.0),
                positive(json, "loader_threads", json.optInt("loader_threads").orElse(1)),
                json.optInt("seed").orElse(1234), number(json, "dropout", 0.0), number(json, "mel_warp", 0.0), file);
        if (c.segmentSize % model.hop() != 0) {
            throw VoxtokException.userInput(file + ": segment_size " + c.segmentSize + " is not a multiple of hop_length "
                    + model.hop());
        }
        if (!(c.dropout >= 0 && c.dropout < 1) || !(c.melWarp >= 0 && c.melWarp < 0.5)) {
            throw VoxtokException.userInput(file + ": need 0 <= dropout < 1 and 0 <= mel_warp < 0.5");
        }
        if (!(c.learningRate > 0) || !(c.validSeconds > 0)) {
            throw VoxtokException.userInput(file + ": learning_rate and valid_seconds must be positive");
        }
        return c;
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

    private static int positive(JsonConfig json, String field, int v) {
        if (v <= 0) {
            throw VoxtokException.userInput(json.source() + ": " + field + " must be positive, got " + v);
        }
        return v;
    }
}
