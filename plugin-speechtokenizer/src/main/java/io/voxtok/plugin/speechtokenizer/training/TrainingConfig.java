package io.voxtok.plugin.speechtokenizer.training;

import io.voxtok.api.VoxtokException;
import io.voxtok.nn.config.JsonConfig;
import io.voxtok.nn.config.JsonConfigReader;
import io.voxtok.plugin.speechtokenizer.config.SpeechTokenizerConfig;
import io.voxtok.training.discriminator.MultiPeriodConfig;
import io.voxtok.training.discriminator.MultiScaleConfig;
import io.voxtok.training.discriminator.MultiScaleStftConfig;
import io.voxtok.training.config.TrainingBounds;
import io.voxtok.training.loss.LossWeights;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A SpeechTokenizer training configuration: the official {@code spt_base_cfg.json} format (model fields plus
 * the official trainer fields, SPEC 2.1 and 2.7) with Voxtok's additions, all optional with official defaults:
 *
 * <ul>
 *   <li>{@code max_steps} (steps of a run; default {@code epochs * train items / batch_size}), {@code t_max}
 *       (cosine period; default the same official formula);</li>
 *   <li>{@code adversarial_loss} {@code "lsgan"} (official) or {@code "hinge"} (the paper's);
 *       {@code feature_loss_lambda}, {@code adversarial_loss_lambda} (1);</li>
 *   <li>{@code grad_clip_norm} (null: off, as officially), {@code grad_skip_norm} (null: off; a step whose gradient
 *       norm exceeds it is skipped like a non-finite one: the guard against the rare gradient spikes described in
 *       the README), {@code max_nonfinite_steps} (5: stop after that many skipped steps in a row);</li>
 *   <li>{@code kmeans_iters} (50), {@code threshold_ema_dead_code} (2), {@code dead_code_reseed} (false: the
 *       official expiry, which has no effect), {@code kmeans_init_count_weighted} (false: the official
 *       {@code embed_avg = means} after the first-batch k-means; true starts it as {@code means * counts}),
 *       {@code kmeans_init_batches} (1: the official k-means on the first training batch; N > 1 clusters the
 *       latents of N extra batches drawn before step 1, see
 *       {@link io.voxtok.nn.quantization.Codebook#initializeFromSample}), {@code kmeans_reinit_every} and
 *       {@code kmeans_reinit_until} (0: never; else the codebooks are clustered again on fresh batches every that
 *       many steps up to that step, while the untrained encoder's latents still move faster than the EMA
 *       codebooks follow), {@code quantizer_warmup_steps} (0: off; else the first that many steps train a plain
 *       autoencoder, the quantizer bypassed, and the codebooks are clustered on {@code kmeans_init_batches}
 *       batches of the warmed-up encoder's latents before the next step), {@code codebook_recentering} (false:
 *       official; true moves each codebook with the batch mean before choosing codes, see
 *       {@link io.voxtok.nn.quantization.Codebook#recenter});</li>
 *   <li>{@code distill_target_centering} (false: official, the teacher features as extracted; true subtracts each
 *       feature dimension's mean over the training split from the distillation targets, see
 *       {@link io.voxtok.training.data.TrainingCorpus#withCentredFeatures});</li>
 *   <li>{@code mpd_periods} ([2,3,5,7,11]), {@code mpd_width_divisor}, {@code msd_scales} (3),
 *       {@code msd_width_divisor} (1), {@code mstftd_filters} (32): discriminator sizes for CPU recipes;</li>
 *   <li>{@code valid_steps} (validation and best-dev checkpoint period; default {@code save_model_steps}),
 *       {@code valid_items} (dev items used, 32), {@code valid_seconds} (30), {@code loader_threads} (2),
 *       {@code dev_speakers} (held-out speakers for validation, 2);</li>
 *   <li>{@code trained_modules} (all of {@code encoder}, {@code quantizer}, {@code transform}, {@code decoder}):
 *       the others are frozen, and without {@code quantizer} the codebooks are neither re-estimated nor
 *       re-seeded, so a decoder-only fine-tune keeps every code the start state produces;
 *       {@code discriminators} (all of {@code mpd}, {@code msd}, {@code mstftd}): the families built and
 *       trained.</li>
 * </ul>
 *
 * Unknown trainer options are not errors (the official file carries paths and logging fields Voxtok does not
 * use), but every field Voxtok reads is type-checked with the file and field named.
 */
public record TrainingConfig(SpeechTokenizerConfig model, LossWeights lossWeights, String distillType,
                             String adversarialLoss, double learningRate, double initialLearningRate,
                             int warmupSteps, double beta1, double beta2, int epochs, int batchSize,
                             int segmentSize, long seed, Integer maxSteps, Integer tMax, Double gradClipNorm,
                             Double gradSkipNorm,
                             int maxNonFiniteSteps, int kmeansIterations, double deadCodeThreshold,
                             boolean deadCodeReseed, boolean kmeansInitCountWeighted, int kmeansInitBatches,
                             int kmeansReinitEvery, int kmeansReinitUntil, int quantizerWarmupSteps,
                             boolean codebookRecentering, boolean distillTargetCentering,
                             MultiPeriodConfig mpd, MultiScaleConfig msd,
                             MultiScaleStftConfig mstftd, int logSteps, int saveSteps, int validSteps,
                             int checkpointsKept, int validItems, double validSeconds, int loaderThreads,
                             int devSpeakers, List<String> trainedModules, List<String> discriminatorFamilies,
                             Path source) {

    /** The generator's top-level modules, in state-dict key order ({@code transform} only with distillation). */
    public static final List<String> MODULES = List.of("encoder", "quantizer", "transform", "decoder");

    /** The discriminator families, in the official trainer's order. */
    public static final List<String> DISCRIMINATOR_FAMILIES = List.of("mpd", "msd", "mstftd");

    /**
     * Reads a configuration file. The model fields are bounded by {@link SpeechTokenizerConfig}, the trainer fields by
     * {@link TrainingBounds}; every refusal is a {@code USER_INPUT} error naming the file and the field.
     */
    public static TrainingConfig read(Path file) {
        JsonConfig json = JsonConfigReader.read(file);
        SpeechTokenizerConfig model = SpeechTokenizerConfig.fromJson(json);
        String src = json.source();
        String distill = json.optString("distill_type").orElse("d_axis");
        if (!distill.equals("d_axis") && !distill.equals("t_axis")) {
            throw bad(json, "distill_type", "\"" + distill + "\" (supported: \"d_axis\", \"t_axis\")");
        }
        String adversarial = json.optString("adversarial_loss").orElse("lsgan");
        if (!adversarial.equals("lsgan") && !adversarial.equals("hinge")) {
            throw bad(json, "adversarial_loss", "\"" + adversarial + "\" (supported: \"lsgan\", \"hinge\")");
        }
        double wd = optDouble(json, "wd").orElse(0.0);
        if (wd != 0) {
            throw bad(json, "wd", wd + ": only 0 (plain Adam, the official default) is supported");
        }
        if (json.optBoolean("use_lion").orElse(false)) {
            throw bad(json, "use_lion", "true: only Adam is supported");
        }
        List<Double> mel = optDoubles(json, "mel_loss_lambdas").orElse(List.of(45.0, 1.0, 1.0, 1.0));
        TrainingBounds.count(src, "mel_loss_lambdas (count)", mel.size(), 1, 16);
        for (double w : mel) {
            TrainingBounds.weight(src, "mel_loss_lambdas[i]", w);
        }
        double recon = weight(json, "recon_loss_lambda", 500.0);
        double commitment = weight(json, "commitment_loss_lambda", 10.0);
        double distillation = weight(json, "distill_loss_lambda", 120.0);
        double feature = weight(json, "feature_loss_lambda", 1.0);
        double adversarialWeight = weight(json, "adversarial_loss_lambda", 1.0);
        double lr = optDouble(json, "learning_rate").orElse(1e-4);
        TrainingBounds.learningRate(src, "learning_rate", lr);
        double initialLr = optDouble(json, "intial_learning_rate").orElse(lr);
        TrainingBounds.learningRateOrZero(src, "intial_learning_rate", initialLr);
        List<Double> betas = optDoubles(json, "betas").orElse(List.of(0.9, 0.99));
        if (betas.size() != 2) {
            throw bad(json, "betas", betas + ": expected two numbers");
        }
        TrainingBounds.beta(src, "betas[0]", betas.get(0));
        TrainingBounds.beta(src, "betas[1]", betas.get(1));
        int warmup = steps(json, "num_warmup_steps", 0, 0);
        int epochs = json.optInt("epochs").orElse(10);
        TrainingBounds.count(src, "epochs", epochs, 1, 1_000_000);
        int batchSize = json.optInt("batch_size").orElse(6);
        int segmentSize = json.optInt("segment_size").orElse(48000);
        TrainingBounds.batch(src, "batch_size", batchSize, "segment_size", segmentSize, model.hopLength(),
                model.sampleRate());
        Integer maxSteps = json.optInt("max_steps").orElse(null);
        if (maxSteps != null) {
            TrainingBounds.steps(src, "max_steps", maxSteps, 1);
        }
        Integer tMax = json.optInt("t_max").orElse(null);
        if (tMax != null) {
            TrainingBounds.steps(src, "t_max", tMax, 1);
        }
        Double clip = optDouble(json, "grad_clip_norm").orElse(null);
        if (clip != null) {
            TrainingBounds.real(src, "grad_clip_norm", clip, 0, false, TrainingBounds.MAX_WEIGHT, true);
        }
        Double skip = optDouble(json, "grad_skip_norm").orElse(null);
        if (skip != null) {
            TrainingBounds.real(src, "grad_skip_norm", skip, 0, false, TrainingBounds.MAX_WEIGHT, true);
        }
        int maxNonFinite = steps(json, "max_nonfinite_steps", 5, 1);
        int kmeansIters = json.optInt("kmeans_iters").orElse(50);
        TrainingBounds.count(src, "kmeans_iters", kmeansIters, 0, 100_000);
        double deadCode = weight(json, "threshold_ema_dead_code", 2.0);
        int kmeansInitBatches = json.optInt("kmeans_init_batches").orElse(1);
        TrainingBounds.count(src, "kmeans_init_batches", kmeansInitBatches, 1, 10_000);
        int reinitEvery = steps(json, "kmeans_reinit_every", 0, 0);
        int reinitUntil = steps(json, "kmeans_reinit_until", 0, 0);
        int quantizerWarmup = steps(json, "quantizer_warmup_steps", 0, 0);
        int saveSteps = steps(json, "save_model_steps", 2500, 1);
        int logSteps = steps(json, "log_steps", 100, 1);
        int validSteps = steps(json, "valid_steps", saveSteps, 1);
        int checkpointsKept = json.optInt("num_ckpt_keep").orElse(6);
        TrainingBounds.count(src, "num_ckpt_keep", checkpointsKept, 1, TrainingBounds.MAX_ITEMS);
        int validItems = json.optInt("valid_items").orElse(32);
        TrainingBounds.count(src, "valid_items", validItems, 1, TrainingBounds.MAX_ITEMS);
        double validSeconds = optDouble(json, "valid_seconds").orElse(30.0);
        TrainingBounds.real(src, "valid_seconds", validSeconds, 0, false, TrainingBounds.MAX_VALID_SECONDS, true);
        int loaderThreads = json.optInt("loader_threads").orElse(2);
        TrainingBounds.count(src, "loader_threads", loaderThreads, 0, TrainingBounds.MAX_THREADS);
        int devSpeakers = json.optInt("dev_speakers").orElse(2);
        TrainingBounds.count(src, "dev_speakers", devSpeakers, 0, TrainingBounds.MAX_ITEMS);
        List<String> trained = names(json, "trained_modules", MODULES);
        List<String> families = names(json, "discriminators", DISCRIMINATOR_FAMILIES);
        try {
            LossWeights weights = new LossWeights(mel, recon, commitment, distillation, feature, adversarialWeight);
            MultiPeriodConfig mpd = MultiPeriodConfig.official();
            Optional<Object> periods = json.raw("mpd_periods");
            if (periods.isPresent()) {
                int[] p = json.requireIntArray("mpd_periods");
                TrainingBounds.count(src, "mpd_periods (count)", p.length, 1, 16);
                List<Integer> list = new ArrayList<>();
                for (int v : p) {
                    TrainingBounds.count(src, "mpd_periods[i]", v, 1, 1024);
                    list.add(v);
                }
                mpd = new MultiPeriodConfig(list, 1);
            }
            mpd = mpd.withWidthDivisor(divisor(json, "mpd_width_divisor"));
            int msdScales = json.optInt("msd_scales").orElse(3);
            TrainingBounds.count(src, "msd_scales", msdScales, 1, 8);
            MultiScaleConfig msd = new MultiScaleConfig(msdScales, divisor(json, "msd_width_divisor"));
            int stftFilters = json.optInt("mstftd_filters").orElse(32);
            TrainingBounds.count(src, "mstftd_filters", stftFilters, 1, 4096);
            MultiScaleStftConfig stft = MultiScaleStftConfig.official().withFilters(stftFilters);
            return new TrainingConfig(model, weights, distill, adversarial, lr, initialLr, warmup,
                    betas.get(0), betas.get(1), epochs, batchSize, segmentSize, json.optInt("seed").orElse(1234),
                    maxSteps, tMax, clip, skip, maxNonFinite, kmeansIters, deadCode,
                    json.optBoolean("dead_code_reseed").orElse(false),
                    json.optBoolean("kmeans_init_count_weighted").orElse(false),
                    kmeansInitBatches, reinitEvery, reinitUntil, quantizerWarmup,
                    json.optBoolean("codebook_recentering").orElse(false),
                    json.optBoolean("distill_target_centering").orElse(false), mpd, msd, stft,
                    logSteps, saveSteps, validSteps, checkpointsKept, validItems, validSeconds, loaderThreads,
                    devSpeakers, trained, families, file);
        } catch (IllegalArgumentException e) {
            throw VoxtokException.userInput("config " + file + ": " + e.getMessage());
        }
    }

    /** Checks ranges. */
    public TrainingConfig {
        if (batchSize < 1 || segmentSize < model.hopLength() || epochs < 1) {
            throw new IllegalArgumentException("batch_size, epochs must be >= 1 and segment_size >= the hop ("
                    + model.hopLength() + ")");
        }
        if (segmentSize % model.hopLength() != 0) {
            throw new IllegalArgumentException("segment_size " + segmentSize + " is not a multiple of the hop "
                    + model.hopLength());
        }
        if (kmeansInitBatches < 1) {
            throw new IllegalArgumentException("kmeans_init_batches must be >= 1, got " + kmeansInitBatches);
        }
        if (quantizerWarmupSteps < 0 || (quantizerWarmupSteps > 0 && kmeansInitBatches < 2)) {
            throw new IllegalArgumentException("quantizer_warmup_steps must be >= 0 and needs kmeans_init_batches >= 2");
        }
        if (kmeansReinitEvery < 0 || kmeansReinitUntil < 0 || (kmeansReinitEvery > 0 && kmeansInitBatches < 2)) {
            throw new IllegalArgumentException("kmeans_reinit_every and kmeans_reinit_until must be >= 0, and"
                    + " re-clustering needs kmeans_init_batches >= 2");
        }
        trainedModules = List.copyOf(trainedModules);
        discriminatorFamilies = List.copyOf(discriminatorFamilies);
        if (trainedModules.isEmpty()) {
            throw new IllegalArgumentException("trained_modules is empty: nothing would be trained");
        }
        if (trainedModules.contains("encoder") && !trainedModules.contains("quantizer")) {
            // a frozen quantizer runs in eval mode: no straight-through path to the encoder, codes would drift
            throw new IllegalArgumentException("trained_modules " + trainedModules + ": training the encoder needs"
                    + " the quantizer trained too");
        }
        if (!trainedModules.contains("quantizer") && (quantizerWarmupSteps > 0 || kmeansReinitEvery > 0)) {
            throw new IllegalArgumentException("quantizer_warmup_steps and kmeans_reinit_every change the codebooks,"
                    + " which trained_modules leaves out");
        }
        if (maxNonFiniteSteps < 1 || saveSteps < 1 || validSteps < 1 || logSteps < 1 || checkpointsKept < 1) {
            throw new IllegalArgumentException("max_nonfinite_steps, save_model_steps, valid_steps, log_steps and"
                    + " num_ckpt_keep must be >= 1");
        }
    }

    /** Whether every generator module is trained (the official recipe); else the others are frozen. */
    public boolean trainsWholeGenerator() {
        return trainedModules.containsAll(MODULES);
    }

    /** Whether the parameter with this official key is trained ({@code trained_modules}). */
    public boolean trains(String key) {
        int dot = key.indexOf('.');
        return trainedModules.contains(dot < 0 ? key : key.substring(0, dot));
    }

    /** The official cosine period: {@code t_max}, else {@code epochs * trainItems / batch_size} (at least 1). */
    public int cosinePeriod(int trainItems) {
        return tMax != null ? tMax : Math.max(1, epochs * trainItems / batchSize);
    }

    /** Steps of a run: {@code max_steps}, else the cosine period. */
    public int totalSteps(int trainItems) {
        return maxSteps != null ? maxSteps : cosinePeriod(trainItems);
    }

    /** Whether the codebooks are clustered again before the step after {@code step} ({@code step > 0}). */
    public boolean reclusterAt(long step) {
        if (quantizerWarmupSteps > 0 && step == quantizerWarmupSteps) {
            return true;
        }
        return kmeansReinitEvery > 0 && step > 0 && step <= kmeansReinitUntil && step % kmeansReinitEvery == 0;
    }

    /** Whether the step after {@code step} runs with the quantizer bypassed (the warm-up). */
    public boolean quantizerBypassedAfter(long step) {
        return step < quantizerWarmupSteps;
    }

    /** Teacher frames per crop. */
    public int segmentFrames() {
        return segmentSize / model.hopLength();
    }

    private static int steps(JsonConfig json, String field, int def, int min) {
        int v = json.optInt(field).orElse(def);
        TrainingBounds.steps(json.source(), field, v, min);
        return v;
    }

    private static double weight(JsonConfig json, String field, double def) {
        double v = optDouble(json, field).orElse(def);
        TrainingBounds.weight(json.source(), field, v);
        return v;
    }

    /** A discriminator width divisor (channels are divided by it; the discriminators check it divides them). */
    private static int divisor(JsonConfig json, String field) {
        int v = json.optInt(field).orElse(1);
        TrainingBounds.count(json.source(), field, v, 1, 1024);
        return v;
    }

    /** An optional array of distinct names, each one of {@code allowed}; absent: all of them. */
    private static List<String> names(JsonConfig json, String field, List<String> allowed) {
        Optional<Object> raw = json.raw(field);
        if (raw.isEmpty()) {
            return allowed;
        }
        if (!(raw.get() instanceof List<?> list)) {
            throw bad(json, field, raw.get() + ": expected an array of names from " + allowed);
        }
        List<String> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof String name) || !allowed.contains(name) || out.contains(name)) {
                throw bad(json, field, list + ": expected distinct names from " + allowed);
            }
            out.add(name);
        }
        return out;
    }

    private static VoxtokException bad(JsonConfig json, String field, String what) {
        return VoxtokException.userInput("config " + json.source() + ": field \"" + field + "\" is unsupported: "
                + what);
    }

    private static Optional<Double> optDouble(JsonConfig json, String field) {
        return json.raw(field).map(v -> {
            if (v instanceof BigDecimal b) {
                return b.doubleValue();
            }
            throw VoxtokException.userInput("config " + json.source() + ": field \"" + field
                    + "\" must be a number, got " + v);
        });
    }

    private static Optional<List<Double>> optDoubles(JsonConfig json, String field) {
        return json.raw(field).map(v -> {
            if (!(v instanceof List<?> list)) {
                throw VoxtokException.userInput("config " + json.source() + ": field \"" + field
                        + "\" must be an array of numbers, got " + v);
            }
            List<Double> out = new ArrayList<>();
            for (Object o : list) {
                if (!(o instanceof BigDecimal b)) {
                    throw VoxtokException.userInput("config " + json.source() + ": field \"" + field
                            + "\" must be an array of numbers, got " + v);
                }
                out.add(b.doubleValue());
            }
            return out;
        });
    }
}
