package io.voxtok.plugin.speechtokenizer.training;

import io.voxtok.api.VoxtokException;
import io.voxtok.data.ManifestDataset;
import io.voxtok.modelio.AtomicFiles;
import io.voxtok.training.TrainingRequest;
import io.voxtok.training.TrainingResult;
import io.voxtok.training.data.CropSampler;
import io.voxtok.training.data.CropSpec;
import io.voxtok.training.data.PrefetchingBatchSource;
import io.voxtok.training.data.SamplerPosition;
import io.voxtok.training.data.SpeakerSplit;
import io.voxtok.training.data.TrainingCorpus;
import io.voxtok.training.data.ValidationSet;
import io.voxtok.training.data.Batch;
import io.voxtok.training.discriminator.DiscriminatorInit;
import io.voxtok.training.run.Checkpoint;
import io.voxtok.training.run.CheckpointStore;
import io.voxtok.training.run.LossCurvePlot;
import io.voxtok.training.run.MetricsLog;
import io.voxtok.training.run.ProgressReporter;
import io.voxtok.training.run.RunDirectory;
import io.voxtok.training.run.StopSignal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A training run on a corpus: random crops of the training speakers (with teacher features from a feature
 * cache when given), a dev split of held-out speakers for validation, checkpoints every {@code save_model_steps}
 * and on SIGINT/SIGTERM, {@code --resume} from the latest checkpoint with exactly the batches an uninterrupted
 * run would have drawn, a JSONL log of every step, a progress bar, and loss-curve plots.
 *
 * <p>Run directory: {@code config.json} (the configuration the run was started with), {@code metrics.jsonl},
 * {@code checkpoints/step-N/} ({@link TrainerCheckpoint}) with {@code best.json}, {@code plots/*.png}.
 */
public final class CorpusRun {
    private static final Logger LOG = LoggerFactory.getLogger(CorpusRun.class);
    static final String CONFIG = RunDirectory.CONFIG;
    static final String METRICS = RunDirectory.METRICS;

    private CorpusRun() {
    }

    /** Runs or resumes. */
    public static TrainingResult run(TrainingRequest request) {
        Path runDir = request.output();
        Path config = RunDirectory.configOf(request);
        TrainingConfig cfg = TrainingConfig.read(config);
        applyOverrides(request.options());
        Path manifest = RunDirectory.manifestOf(request.corpus());
        SpeakerSplit split = SpeakerSplit.of(new ManifestDataset(manifest));
        int sr = cfg.model().sampleRate();
        TrainingCorpus train = TrainingCorpus.of("training split of " + manifest, split.train(),
                Optional.ofNullable(request.teacherCache()), sr);
        if (cfg.distillTargetCentering() && train.hasFeatures()) {
            long t0 = System.nanoTime();
            train = train.withCentredFeatures();
            LOG.info("distillation targets centred: per-dimension mean over {} items (norm {}) in {} s", train.size(),
                    String.format(java.util.Locale.ROOT, "%.3f", norm(train.featureOffset().orElseThrow())),
                    String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9));
        } else if (cfg.distillTargetCentering()) {
            LOG.warn("{}: distill_target_centering is set but the run has no teacher features (no --teacher-cache)",
                    config);
        }
        if (split.dev().isEmpty()) {
            throw VoxtokException.userInput(manifest + " has no dev split (held-out speakers) for validation");
        }
        List<io.voxtok.data.CorpusEntry> devEntries = split.dev().subList(0, Math.min(cfg.validItems(),
                split.dev().size()));
        TrainingCorpus dev = TrainingCorpus.of("dev split of " + manifest, devEntries, Optional.empty(), sr);
        CropSpec spec = new CropSpec(sr, cfg.segmentSize(), cfg.model().hopLength(), cfg.batchSize(), cfg.seed());
        int cosine = cfg.cosinePeriod(train.size());
        long total = request.steps() != null ? request.steps() : cfg.totalSteps(train.size());

        RunDirectory.prepare(runDir, config, request.resume());
        CheckpointStore store = new CheckpointStore(runDir, cfg.checkpointsKept());
        SpeechTokenizerTrainer.StartState start = request.init() != null ? FixedBatchRun.startState(request.init(), cfg.seed())
                : new SpeechTokenizerTrainer.StartState(null, Map.of("mpd", DiscriminatorInit.pytorchDefault(cfg.seed()),
                "msd", DiscriminatorInit.pytorchDefault(cfg.seed() + 1),
                "mstftd", DiscriminatorInit.pytorchDefault(cfg.seed() + 2)));
        Map<String, Double> last = new LinkedHashMap<>();
        boolean interrupted = false;
        try (SpeechTokenizerTrainer trainer = new SpeechTokenizerTrainer(cfg, start, cosine)) {
            double bestDev = Double.POSITIVE_INFINITY;
            if (request.resume()) {
                Checkpoint ck = store.latestForResume();
                Map<String, Object> extra = TrainerCheckpoint.load(trainer, ck.directory());
                if (extra.get("best_dev_mel") instanceof String s) {
                    bestDev = Double.parseDouble(s);
                }
                LOG.info("resumed {} at step {}", runDir, trainer.step());
            }
            CropSampler sampler = new CropSampler(train, spec);
            if (trainer.step() == 0 && cfg.kmeansInitBatches() > 1 && cfg.quantizerWarmupSteps() == 0) {
                initializeCodebooks(trainer, train, cfg, false);
            }
            SamplerPosition position = SamplerPosition.afterSteps(trainer.step(), sampler.batchesPerEpoch());
            List<float[]> devAudio = new ArrayList<>();
            ValidationSet valid = ValidationSet.firstSeconds(dev, spec, cfg.validSeconds());
            for (int i = 0; i < valid.size(); i++) {
                devAudio.add(valid.get(i).audio());
            }
            try (PrefetchingBatchSource source = new PrefetchingBatchSource(sampler, position,
                    Math.max(1, cfg.loaderThreads()), 4);
                 MetricsLog log = request.resume() ? MetricsLog.resume(runDir.resolve(METRICS), trainer.step())
                         : MetricsLog.create(runDir.resolve(METRICS));
                 ProgressReporter progress = ProgressReporter.forStderr(total);
                 StopSignal stop = StopSignal.install()) {
                long savedAt = trainer.step();
                while (trainer.step() < total) {
                    if (stop.stopRequested()) {
                        interrupted = true;
                        progress.message("stopping (" + stop.reason().orElse("signal") + "): writing a checkpoint");
                        break;
                    }
                    if (cfg.reclusterAt(trainer.step())) {
                        initializeCodebooks(trainer, train, cfg, true);
                    }
                    Batch batch = source.next();
                    StepMetrics m = trainer.trainStep(batch.audio(), batch.hasFeatures() ? batch.features() : null,
                            null);
                    log.log(m.step(), m.toMap());
                    last.putAll(m.scalars());
                    progress.update(m.step(), pick(m.scalars(), "L_G", "L_D", "L_mel_0"));
                    if (trainer.nonFiniteStreak() >= cfg.maxNonFiniteSteps()) {
                        progress.message("stopping: " + trainer.nonFiniteStreak()
                                + " steps in a row had non-finite losses or gradients");
                        interrupted = true;
                        break;
                    }
                    boolean validate = m.step() % cfg.validSteps() == 0;
                    if (m.step() % cfg.saveSteps() == 0 || validate) {
                        double dev0 = validate ? trainer.melDistance(devAudio) : Double.NaN;
                        if (validate) {
                            log.log(m.step(), Map.of("dev_mel_distance", dev0));
                            last.put("dev_mel_distance", dev0);
                            bestDev = Double.isFinite(dev0) && dev0 < bestDev ? dev0 : bestDev;
                        }
                        save(store, trainer, bestDev);
                        savedAt = m.step();
                        if (validate && dev0 == bestDev) {
                            store.markBest(m.step(), "dev_mel_distance", dev0);
                        }
                        plot(runDir);
                    }
                }
                if (trainer.step() != savedAt) {
                    save(store, trainer, bestDev);
                }
                plot(runDir);
            }
            last.put("step", (double) trainer.step());
            return new TrainingResult(runDir, trainer.step(), interrupted, last);
        }
    }

    /**
     * Clusters the latents of {@code kmeans_init_batches} batches drawn by a sampler of their own (seed + 1), so
     * that the training batches are the same with and without this initialisation.
     */
    private static void initializeCodebooks(SpeechTokenizerTrainer trainer, TrainingCorpus train, TrainingConfig cfg,
                                            boolean force) {
        // a sampler of its own per step, so that a resumed run re-clusters on the same crops
        CropSpec initSpec = new CropSpec(cfg.model().sampleRate(), cfg.segmentSize(), cfg.model().hopLength(),
                cfg.batchSize(), cfg.seed() + 1 + trainer.step());
        List<float[][]> batches = new ArrayList<>();
        try (CropSampler initSampler = new CropSampler(train, initSpec)) {
            for (int i = 0; i < cfg.kmeansInitBatches(); i++) {
                batches.add(initSampler.next().audio());
            }
        }
        long t0 = System.nanoTime();
        if (trainer.initializeQuantizer(batches, force)) {
            LOG.info("step {}: codebooks initialised by k-means on {} batches ({} s)", trainer.step(), batches.size(),
                    String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9));
        }
    }

    private static void save(CheckpointStore store, SpeechTokenizerTrainer trainer, double bestDev) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("best_dev_mel", Double.toString(bestDev));
        store.save(trainer.step(), dir -> TrainerCheckpoint.save(trainer, dir, extra));
    }

    private static void plot(Path runDir) {
        try {
            Files.createDirectories(runDir.resolve("plots"));
            new LossCurvePlot("SpeechTokenizer training", List.of("L_G", "L_D", "L_mel_0", "L_feat", "L_adv",
                    "L_q", "L_distill", "dev_mel_distance", "codebook_perplexity"))
                    .smoothing(9).write(runDir.resolve(METRICS), runDir.resolve("plots/losses.png"));
        } catch (IOException | RuntimeException | LinkageError e) {
            // plots are a convenience: a run never fails because of them
            LOG.warn("could not draw the loss curves: {}", e.toString());
        }
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
    }

    private static Map<String, Double> pick(Map<String, Double> all, String... names) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String n : names) {
            if (all.containsKey(n)) {
                out.put(n, all.get(n));
            }
        }
        return out;
    }

    private static void applyOverrides(Map<String, String> options) {
        for (String k : options.keySet()) {
            if (!k.equals("t_max") && !k.equals("expected")) {
                throw VoxtokException.userInput("unknown option -O " + k + " (set training fields in the config file)");
            }
        }
    }


}
