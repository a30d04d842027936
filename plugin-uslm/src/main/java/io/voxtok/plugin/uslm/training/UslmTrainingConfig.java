package io.voxtok.plugin.uslm.training;

import io.voxtok.api.VoxtokException;
import io.voxtok.modelio.Json;
import io.voxtok.plugin.uslm.config.UslmConfig;
import io.voxtok.plugin.uslm.data.DurationBatchSampler;
import io.voxtok.training.config.TrainingBounds;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@code uslm} training configuration (e.g. {@code configs/uslm/small.json}): the architecture and the trainer
 * fields of {@code voxtok train uslm}. Unknown fields are errors naming the field. The text and audio table sizes are
 * not configured: they come from the token corpus (vocabulary size, codebook size).
 *
 * <p>Fields (defaults in brackets): {@code model_class} (USLM or VALLE [USLM]), {@code d_model}, {@code nhead},
 * {@code num_layers} (required; AR and NAR alike, FFN 4 x d_model, pre-LN), {@code train_stage} (0 = AR + NAR,
 * 1 = AR, 2 = NAR [0]), {@code learning_rate} [5e-4], {@code betas} [[0.9, 0.98]], {@code warmup_steps} (linear from
 * {@code initial_learning_rate} [0]; [200], vall-e's default), {@code min_learning_rate} (end of the cosine [0]),
 * {@code max_duration} (seconds of audio per batch) or {@code max_frames} (code frames per batch), one of them
 * [max_duration 40], {@code batch_cost} ({@code sum} of the items' lengths, lhotse's rule, or {@code padded}
 * [sum]), {@code num_buckets} [10], {@code max_steps} [3000] (also the cosine's length), {@code valid_steps} [250],
 * {@code save_steps} [valid_steps], {@code checkpoints_kept} [2], {@code valid_items} (dev utterances scored [100]),
 * {@code grad_clip_norm} (on the per-frame loss's gradient; 0 = off [1.0]), {@code seed} [1234],
 * {@code ar_loss_ignores_padding} (the named fix of {@link io.voxtok.plugin.uslm.config.UslmOptions}: padded positions
 * leave the AR loss instead of being trained towards EOS [false, official]). The architecture is bounded as
 * {@link UslmConfig} bounds it and the trainer fields by {@link TrainingBounds}, when the file is read.
 *
 * @param source the file read
 */
public record UslmTrainingConfig(String modelClass, int dModel, int nhead, int numLayers, int trainStage,
                                 double learningRate, double beta1, double beta2, int warmupSteps,
                                 double initialLearningRate, double minLearningRate, double maxDuration,
                                 boolean framesBudget, DurationBatchSampler.Cost batchCost, int numBuckets,
                                 int maxSteps, int validSteps, int saveSteps, int checkpointsKept, int validItems,
                                 double gradClipNorm, long seed, boolean arLossIgnoresPadding, Path source) {
    /** Most seconds of audio in one batch: 12 hours, against 24-40 s in the recipes. */
    static final double MAX_BATCH_SECONDS = 43_200;
    private static final Set<String> FIELDS = Set.of("model_class", "d_model", "nhead", "num_layers", "train_stage",
            "learning_rate", "betas", "warmup_steps", "initial_learning_rate", "min_learning_rate", "max_duration",
            "max_frames", "batch_cost", "num_buckets", "max_steps", "valid_steps", "save_steps", "checkpoints_kept",
            "valid_items", "grad_clip_norm", "seed", "ar_loss_ignores_padding", "comment");

    /**
     * Reads and validates a configuration file.
     *
     * @throws VoxtokException naming the file and the field
     */
    public static UslmTrainingConfig read(Path file) {
        Map<String, Object> o = Json.readObject(file);
        for (String k : o.keySet()) {
            if (!FIELDS.contains(k)) {
                throw VoxtokException.userInput(file + ": unknown field '" + k + "' (known: " + new java.util.TreeSet<>(FIELDS) + ")");
            }
        }
        String cls = o.getOrDefault("model_class", "USLM").toString();
        if (!cls.equals("USLM") && !cls.equals("VALLE")) {
            throw VoxtokException.userInput(file + ": model_class must be USLM or VALLE, got " + cls);
        }
        if (o.containsKey("max_duration") && o.containsKey("max_frames")) {
            throw VoxtokException.userInput(file + ": give max_duration (seconds) or max_frames, not both");
        }
        boolean frames = o.containsKey("max_frames");
        double budget = frames ? number(file, o, "max_frames", 0) : number(file, o, "max_duration", 40);
        double b1 = 0.9;
        double b2 = 0.98;
        if (o.containsKey("betas")) {
            if (!(o.get("betas") instanceof List<?> l) || l.size() != 2 || !(l.get(0) instanceof Number)
                    || !(l.get(1) instanceof Number)) {
                throw VoxtokException.userInput(file + ": betas must be a list of two numbers");
            }
            b1 = ((Number) l.get(0)).doubleValue();
            b2 = ((Number) l.get(1)).doubleValue();
        }
        String cost = o.getOrDefault("batch_cost", "sum").toString();
        DurationBatchSampler.Cost c = switch (cost) {
            case "sum" -> DurationBatchSampler.Cost.SUM;
            case "padded" -> DurationBatchSampler.Cost.PADDED;
            default -> throw VoxtokException.userInput(file + ": batch_cost must be sum or padded, got " + cost);
        };
        int valid = integer(file, o, "valid_steps", 250);
        UslmTrainingConfig cfg = new UslmTrainingConfig(cls, integer(file, o, "d_model", null),
                integer(file, o, "nhead", null), integer(file, o, "num_layers", null),
                integer(file, o, "train_stage", 0), number(file, o, "learning_rate", 5e-4), b1, b2,
                integer(file, o, "warmup_steps", 200), number(file, o, "initial_learning_rate", 0),
                number(file, o, "min_learning_rate", 0), budget, frames, c, integer(file, o, "num_buckets", 10),
                integer(file, o, "max_steps", 3000), valid, integer(file, o, "save_steps", valid),
                integer(file, o, "checkpoints_kept", 2), integer(file, o, "valid_items", 100),
                number(file, o, "grad_clip_norm", 1.0), integer(file, o, "seed", 1234),
                bool(file, o, "ar_loss_ignores_padding", false), file);
        cfg.validate();
        return cfg;
    }

    private void validate() {
        String bad = null;
        if (dModel <= 0 || nhead <= 0 || dModel % nhead != 0 || numLayers <= 0) {
            bad = "need d_model, nhead, num_layers > 0 and d_model divisible by nhead";
        } else if (trainStage < 0 || trainStage > 2) {
            bad = "train_stage must be 0, 1 or 2, got " + trainStage;
        }
        if (bad != null) {
            throw VoxtokException.userInput(source + ": " + bad);
        }
        // The architecture's own size bounds, before any corpus is read (the vocabularies come later and are
        // bounded by UslmConfig again then).
        model(2, 2);
        String src = source.toString();
        TrainingBounds.learningRate(src, "learning_rate", learningRate);
        TrainingBounds.beta(src, "betas[0]", beta1);
        TrainingBounds.beta(src, "betas[1]", beta2);
        TrainingBounds.steps(src, "warmup_steps", warmupSteps, 0);
        TrainingBounds.learningRateOrZero(src, "initial_learning_rate", initialLearningRate);
        TrainingBounds.learningRateOrZero(src, "min_learning_rate", minLearningRate);
        if (framesBudget) {
            // code frames per batch: MAX_BATCH_SAMPLES of them is already 5 days of 50 Hz codes
            TrainingBounds.real(src, "max_frames", maxDuration, 0, false, TrainingBounds.MAX_BATCH_SAMPLES, true);
        } else {
            TrainingBounds.real(src, "max_duration", maxDuration, 0, false, MAX_BATCH_SECONDS, true);
        }
        TrainingBounds.count(src, "num_buckets", numBuckets, 1, 1000);
        TrainingBounds.steps(src, "max_steps", maxSteps, 1);
        TrainingBounds.steps(src, "valid_steps", validSteps, 1);
        TrainingBounds.steps(src, "save_steps", saveSteps, 1);
        TrainingBounds.count(src, "checkpoints_kept", checkpointsKept, 1, TrainingBounds.MAX_ITEMS);
        TrainingBounds.count(src, "valid_items", validItems, 0, TrainingBounds.MAX_ITEMS);
        TrainingBounds.weight(src, "grad_clip_norm", gradClipNorm);
    }

    /** The architecture for a corpus with {@code vocabularySize} text ids and {@code codebookSize} codes. */
    public UslmConfig model(int vocabularySize, int codebookSize) {
        UslmConfig c = new UslmConfig(modelClass, dModel, nhead, numLayers, true, false, 0, true, 1.0, false, 8,
                vocabularySize, codebookSize);
        c.validate(source.toString());
        return c;
    }

    /** Length of the cosine part of the schedule (after warm-up). */
    public int cosineSteps() {
        return Math.max(1, maxSteps - warmupSteps);
    }

    private static double number(Path file, Map<String, Object> o, String key, double def) {
        Object v = o.get(key);
        if (v == null) {
            return def;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw VoxtokException.userInput(file + ": '" + key + "' must be a number, got " + v);
    }

    private static boolean bool(Path file, Map<String, Object> o, String key, boolean def) {
        Object v = o.get(key);
        if (v == null) {
            return def;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw VoxtokException.userInput(file + ": '" + key + "' must be true or false, got " + v);
    }

    private static int integer(Path file, Map<String, Object> o, String key, Integer def) {
        Object v = o.get(key);
        if (v == null) {
            if (def == null) {
                throw VoxtokException.userInput(file + ": missing field '" + key + "'");
            }
            return def;
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            double d = n.doubleValue();
            if (d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE) {
                return n.intValue();
            }
            throw VoxtokException.userInput("config " + file + ": field \"" + key + "\" is " + v
                    + ", beyond the range of a 32-bit integer");
        }
        throw VoxtokException.userInput(file + ": '" + key + "' must be an integer, got " + v);
    }
}
