package io.voxtok.plugin.speakerencoder.training;

import io.voxtok.api.VoxtokException;
import io.voxtok.nn.config.JsonConfig;
import io.voxtok.nn.config.JsonConfigReader;
import io.voxtok.plugin.speakerencoder.model.SpeakerEncoderConfig;
import io.voxtok.training.config.TrainingBounds;

import java.math.BigDecimal;
import java.nio.file.Path;

/**
 * A {@code speaker-encoder} training configuration ({@code configs/speaker_encoder.json}): the architecture fields
 * of {@link SpeakerEncoderConfig} and the trainer fields, all optional: {@code learning_rate} (1e-3),
 * {@code final_learning_rate} (cosine decay over {@code max_steps} to this; default = {@code learning_rate}, i.e.
 * constant), {@code beta1} (0.9), {@code beta2} (0.999), {@code batch_size} (32), {@code segment_size} (crop length
 * in samples, a multiple of the hop; 24000 = 1.5 s), {@code max_steps} (1500), {@code valid_steps} (dev EER and best
 * checkpoint period; 250), {@code save_steps} (checkpoint period; {@code valid_steps}), {@code checkpoints_kept}
 * (2), {@code valid_items} (dev utterances scored, spread evenly over the dev split; 240), {@code loader_threads}
 * (1), {@code seed} (1234), {@code dropout} (0), and the additive-margin softmax {@code am_margin} (m, 0.2) and
 * {@code am_scale} (s, 30). The trainer fields are bounded by {@link TrainingBounds}.
 *
 * @param model  architecture
 * @param source the file read
 */
public record SpeakerTrainingConfig(SpeakerEncoderConfig model, double learningRate, double finalLearningRate,
                                    double beta1, double beta2, int batchSize, int segmentSize, int maxSteps,
                                    int validSteps, int saveSteps, int checkpointsKept, int validItems,
                                    int loaderThreads, long seed, double dropout, double margin, double scale,
                                    Path source) {
    /** Reads and validates a configuration file. */
    public static SpeakerTrainingConfig read(Path file) {
        JsonConfig json = JsonConfigReader.read(file);
        SpeakerEncoderConfig model = SpeakerEncoderConfig.fromJson(json);
        int valid = json.optInt("valid_steps").orElse(250);
        double lr = number(json, "learning_rate", 1e-3);
        SpeakerTrainingConfig c = new SpeakerTrainingConfig(model, lr, number(json, "final_learning_rate", lr),
                number(json, "beta1", 0.9), number(json, "beta2", 0.999), json.optInt("batch_size").orElse(32),
                json.optInt("segment_size").orElse(24_000), json.optInt("max_steps").orElse(1500), valid,
                json.optInt("save_steps").orElse(valid), json.optInt("checkpoints_kept").orElse(2),
                json.optInt("valid_items").orElse(240), json.optInt("loader_threads").orElse(1),
                json.optInt("seed").orElse(1234), number(json, "dropout", 0.0), number(json, "am_margin", 0.2),
                number(json, "am_scale", 30.0), file);
        c.checkBounds(json.source());
        if (c.segmentSize % model.hop() != 0 || c.segmentSize < model.nFft()) {
            throw VoxtokException.userInput(file + ": segment_size " + c.segmentSize + " must be a multiple of "
                    + "hop_length " + model.hop() + " and at least n_fft " + model.nFft());
        }
        return c;
    }

    /** The trainer fields against {@link TrainingBounds}: NaN, negative or absurd values name their field. */
    private void checkBounds(String src) {
        TrainingBounds.learningRate(src, "learning_rate", learningRate);
        TrainingBounds.learningRateOrZero(src, "final_learning_rate", finalLearningRate);
        TrainingBounds.beta(src, "beta1", beta1);
        TrainingBounds.beta(src, "beta2", beta2);
        TrainingBounds.batch(src, "batch_size", batchSize, "segment_size", segmentSize, model.hop(),
                model.sampleRate());
        TrainingBounds.steps(src, "max_steps", maxSteps, 1);
        TrainingBounds.steps(src, "valid_steps", validSteps, 1);
        TrainingBounds.steps(src, "save_steps", saveSteps, 1);
        TrainingBounds.count(src, "checkpoints_kept", checkpointsKept, 1, TrainingBounds.MAX_ITEMS);
        TrainingBounds.count(src, "valid_items", validItems, 1, TrainingBounds.MAX_ITEMS);
        TrainingBounds.count(src, "loader_threads", loaderThreads, 1, TrainingBounds.MAX_THREADS);
        TrainingBounds.real(src, "dropout", dropout, 0, true, 1, false);
        TrainingBounds.real(src, "am_margin", margin, 0, true, 1, false);
        TrainingBounds.real(src, "am_scale", scale, 0, false, 1000, true);
    }

    /**
     * The learning rate of update {@code step + 1}: cosine from {@code learning_rate} at step 0 to
     * {@code final_learning_rate} at {@code max_steps} (and after). A function of the step alone, so a resumed run
     * continues the schedule exactly.
     */
    public double learningRateAt(long step) {
        double progress = Math.min(1.0, step / (double) maxSteps);
        return finalLearningRate + 0.5 * (learningRate - finalLearningRate) * (1 + Math.cos(Math.PI * progress));
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
