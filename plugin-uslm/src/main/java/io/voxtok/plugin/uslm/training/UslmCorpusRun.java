package io.voxtok.plugin.uslm.training;

import io.voxtok.api.VoxtokException;
import io.voxtok.api.lm.TeacherForcedScore;
import io.voxtok.data.Split;
import io.voxtok.data.lm.LmCorpusManifest;
import io.voxtok.data.lm.LmTokenCorpus;
import io.voxtok.data.lm.LmTokenEntry;
import io.voxtok.plugin.uslm.config.UslmConfig;
import io.voxtok.plugin.uslm.data.DurationBatchSampler;
import io.voxtok.plugin.uslm.data.UslmBatch;
import io.voxtok.plugin.uslm.data.UslmBatchCollator;
import io.voxtok.training.TrainingRequest;
import io.voxtok.training.TrainingResult;
import io.voxtok.training.data.SamplerPosition;
import io.voxtok.training.run.Checkpoint;
import io.voxtok.training.run.CheckpointStore;
import io.voxtok.training.run.LossCurvePlot;
import io.voxtok.training.run.MetricsLog;
import io.voxtok.training.run.ProgressReporter;
import io.voxtok.training.run.RunDirectory;
import io.voxtok.training.run.StopSignal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code voxtok train uslm --config C --tokens DIR -o RUN [--resume] [--steps N]}: trains on the train split of a
 * token corpus ({@code voxtok lm prepare}) in duration-bucketed dynamic batches ({@link DurationBatchSampler},
 * reshuffled every epoch), scores the first {@code valid_items} dev utterances every {@code valid_steps}
 * ({@link UslmScorer}: every NAR stage, dropout off), and keeps the run directory of every Voxtok recipe:
 * {@code config.json}, {@code metrics.jsonl} (per step: losses and top-10 accuracies per part, learning rate,
 * gradient norm, frames, seconds; {@code dev_*} at validation steps), {@code checkpoints/step-N/}
 * ({@link UslmCheckpoint}, written atomically every {@code save_steps}, at validation steps, on SIGINT/SIGTERM and at
 * the end; the best dev loss is kept) and {@code plots/losses.png}. {@code --resume} continues the latest checkpoint
 * with exactly the batches, stage draws, dropout masks and updates of an uninterrupted run.
 */
public final class UslmCorpusRun {
    private static final Logger LOG = LoggerFactory.getLogger(UslmCorpusRun.class);
    static final String BEST_KEY = "best_dev_loss";
    static final String SECONDS_KEY = "train_seconds";

    private UslmCorpusRun() {
    }

    /** Runs or resumes. */
    public static TrainingResult run(TrainingRequest request) {
        if (!request.options().isEmpty()) {
            throw VoxtokException.userInput("unknown option(s) -O " + request.options().keySet()
                    + " (set training fields in the config file)");
        }
        if (request.corpus() != null || request.teacherCache() != null || request.init() != null
                || request.batches() != null) {
            throw VoxtokException.userInput("uslm trains on a token corpus (--tokens DIR, made by 'voxtok lm prepare'):"
                    + " --corpus, --teacher-cache, --init and --batches do not apply");
        }
        if (request.tokens() == null) {
            throw VoxtokException.userInput("uslm needs --tokens DIR (a token corpus made by 'voxtok lm prepare')");
        }
        Path runDir = request.output();
        Path config = RunDirectory.configOf(request);
        UslmTrainingConfig cfg = UslmTrainingConfig.read(config);
        LmTokenCorpus corpus = LmTokenCorpus.open(request.tokens());
        LmCorpusManifest mf = corpus.manifest();
        List<LmTokenEntry> train = corpus.entries(Split.TRAIN);
        if (train.isEmpty()) {
            throw VoxtokException.userInput(corpus.folder() + " has no train split");
        }
        List<LmTokenEntry> dev = corpus.entries(Split.DEV);
        dev = dev.subList(0, Math.min(cfg.validItems(), dev.size()));
        if (dev.isEmpty()) {
            LOG.warn("{}: no dev utterances to score (dev split empty or valid_items 0)", corpus.folder());
        }
        UslmConfig model = cfg.model(mf.vocabularySize(), mf.codebookSize());
        if (mf.layers() < model.numQuantizers()) {
            throw VoxtokException.userInput(corpus.folder() + " holds " + mf.layers() + " layers of codes; the model reads "
                    + model.numQuantizers());
        }
        Map<String, Object> info = modelInfo(corpus);
        double[] lengths = new double[train.size()];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = cfg.framesBudget() ? train.get(i).frames() : train.get(i).duration();
        }
        DurationBatchSampler sampler = new DurationBatchSampler(lengths, new DurationBatchSampler.Options(
                cfg.maxDuration(), cfg.numBuckets(), true, cfg.seed(), cfg.batchCost()));
        UslmBatchCollator collator = new UslmBatchCollator(model.numQuantizers());
        long total = request.steps() != null ? request.steps() : cfg.maxSteps();

        RunDirectory.prepare(runDir, config, request.resume());
        CheckpointStore store = new CheckpointStore(runDir, cfg.checkpointsKept());
        Map<String, Double> last = new LinkedHashMap<>();
        boolean interrupted = false;
        Path vocabulary = corpus.folder().resolve(mf.vocabulary());
        try (UslmTrainer trainer = new UslmTrainer(cfg, model)) {
            LOG.info("{}: {} parameters, {} training utterances, {} dev utterances scored", model.modelClass(),
                    trainer.parameterCount(), train.size(), dev.size());
            double bestDev = Double.POSITIVE_INFINITY;
            double trainSeconds = 0;
            SamplerPosition position = SamplerPosition.START;
            if (request.resume()) {
                Checkpoint ck = store.latestForResume();
                UslmCheckpoint.Restored r = UslmCheckpoint.load(trainer, ck.directory());
                checkSameCorpus(ck.directory(), info);
                position = r.position();
                bestDev = number(r.extra().get(BEST_KEY), Double.POSITIVE_INFINITY);
                trainSeconds = number(r.extra().get(SECONDS_KEY), 0);
                LOG.info("resumed {} at step {}", runDir, trainer.step());
            }
            List<long[]> devText = new ArrayList<>();
            List<int[][]> devCodes = new ArrayList<>();
            for (LmTokenEntry e : dev) {
                devText.add(longs(e.textIds()));
                devCodes.add(frames(corpus.codes(e), e.frames(), mf.layers()));
            }
            Map<String, int[]> codeCache = new HashMap<>();
            try (MetricsLog log = request.resume() ? MetricsLog.resume(runDir.resolve(RunDirectory.METRICS), trainer.step())
                    : MetricsLog.create(runDir.resolve(RunDirectory.METRICS));
                 ProgressReporter progress = ProgressReporter.forStderr(total);
                 StopSignal stop = StopSignal.install()) {
                long savedAt = trainer.step();
                while (trainer.step() < total) {
                    if (stop.stopRequested()) {
                        interrupted = true;
                        progress.message("stopping (" + stop.reason().orElse("signal") + "): writing a checkpoint");
                        break;
                    }
                    int[] idx = sampler.batch(position);
                    position = sampler.next(position);
                    List<LmTokenEntry> items = new ArrayList<>(idx.length);
                    for (int i : idx) {
                        items.add(train.get(i));
                    }
                    UslmBatch batch = collator.collate(items, e -> codeCache.computeIfAbsent(e.id(), k -> corpus.codes(e)),
                            mf.layers());
                    UslmStepResult m = trainer.trainStep(batch);
                    trainSeconds += m.seconds();
                    log.log(m.step(), m.toMap());
                    last.putAll(m.toMap());
                    Map<String, Double> shown = new LinkedHashMap<>();
                    shown.put("loss", m.loss());
                    if (!Double.isNaN(m.arAcc())) {
                        shown.put("ar_acc", m.arAcc());
                    }
                    if (!Double.isNaN(m.narL2Acc())) {
                        shown.put("nar2_acc", m.narL2Acc());
                    }
                    progress.update(m.step(), shown);
                    if (m.skipped()) {
                        progress.message(String.format(Locale.ROOT, "step %d: update skipped (loss %s, gradient norm %s)",
                                m.step(), m.loss(), m.gradNorm()));
                    }
                    boolean validate = !dev.isEmpty() && (m.step() % cfg.validSteps() == 0 || m.step() == total);
                    if (m.step() % cfg.saveSteps() == 0 || validate) {
                        double devLoss = Double.NaN;
                        if (validate) {
                            long t0 = System.nanoTime();
                            TeacherForcedScore s = trainer.evaluate(devText, devCodes);
                            Map<String, Double> d = devMetrics(s, cfg.trainStage(), (System.nanoTime() - t0) / 1e9);
                            log.log(m.step(), d);
                            last.putAll(d);
                            devLoss = d.get("dev_loss");
                            progress.message(String.format(Locale.ROOT, "step %d: dev loss %.4f, AR top-10 %.4f, "
                                    + "NAR RVQ-2 top-10 %.4f", m.step(), devLoss, s.arAccuracy(), s.narAccuracy(1)));
                            bestDev = Double.isFinite(devLoss) && devLoss < bestDev ? devLoss : bestDev;
                        }
                        save(store, trainer, info, vocabulary, position, bestDev, trainSeconds);
                        savedAt = m.step();
                        if (validate && devLoss == bestDev) {
                            store.markBest(m.step(), "dev_loss", devLoss);
                        }
                        plot(runDir, model.modelClass());
                    }
                }
                if (trainer.step() != savedAt) {
                    save(store, trainer, info, vocabulary, position, bestDev, trainSeconds);
                }
                plot(runDir, model.modelClass());
            }
            last.put("step", (double) trainer.step());
            last.put("parameters", (double) trainer.parameterCount());
            last.put(SECONDS_KEY, trainSeconds);
            if (Double.isFinite(bestDev)) {
                last.put(BEST_KEY, bestDev);
            }
            return new TrainingResult(runDir, trainer.step(), interrupted, last);
        }
    }

    /**
     * The dev metrics of a score: per-frame losses and top-10 accuracies of the AR part, NAR stage 1 (RVQ-2) and
     * stages 2..7 together, and {@code dev_loss}, the training loss's counterpart for {@code trainStage} (0: half the
     * sum of the three, 1: AR, 2: the two NAR terms).
     */
    static Map<String, Double> devMetrics(TeacherForcedScore s, int trainStage, double seconds) {
        int last = s.narStages();
        double ar = s.arLossPerFrame();
        double l2 = s.narLossPerFrame(1);
        double rest = s.narLossPerFrame(2, last);
        Map<String, Double> d = new LinkedHashMap<>();
        d.put("dev_loss", trainStage == 0 ? s.lossPerFrame() : trainStage == 1 ? ar : l2 + rest);
        d.put("dev_ar_loss", ar);
        d.put("dev_ar_top10_acc", s.arAccuracy());
        d.put("dev_nar_l2_loss", l2);
        d.put("dev_nar_l2_top10_acc", s.narAccuracy(1));
        d.put("dev_nar_l3_8_loss", rest);
        d.put("dev_nar_l3_8_top10_acc", s.narAccuracy(2, last));
        d.put("dev_frames", (double) s.frames());
        d.put("dev_seconds", seconds);
        return d;
    }

    /** What a model directory records about its data: the tokenizer, frame rate and token corpus. */
    static Map<String, Object> modelInfo(LmTokenCorpus corpus) {
        LmCorpusManifest mf = corpus.manifest();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("tokenizer", mf.tokenizer());
        info.put("tokenizer_variant", mf.variant());
        info.put("tokenizer_weights_hash", mf.weightsHash());
        info.put("tokenizer_model", mf.model());
        info.put("frame_rate", mf.frameRate());
        info.put("codebook_size", (long) mf.codebookSize());
        info.put("vocabulary", mf.vocabulary());
        info.put("token_corpus", corpus.folder().toString());
        return info;
    }

    private static void checkSameCorpus(Path checkpoint, Map<String, Object> info) {
        Map<String, Object> stored = io.voxtok.plugin.uslm.model.UslmModelDirectory.info(checkpoint);
        for (String k : new String[] {"tokenizer", "tokenizer_weights_hash", "codebook_size"}) {
            if (stored.containsKey(k) && !String.valueOf(stored.get(k)).equals(String.valueOf(info.get(k)))) {
                throw VoxtokException.userInput("--resume: checkpoint " + checkpoint + " was trained on tokens with "
                        + k + " = " + stored.get(k) + ", but --tokens has " + info.get(k));
            }
        }
    }

    private static void save(CheckpointStore store, UslmTrainer trainer, Map<String, Object> info, Path vocabulary,
                             SamplerPosition position, double bestDev, double trainSeconds) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put(BEST_KEY, Double.toString(bestDev));
        extra.put(SECONDS_KEY, Double.toString(trainSeconds));
        store.save(trainer.step(), dir -> UslmCheckpoint.save(trainer, dir, info, vocabulary, position, extra));
    }

    private static double number(Object v, double def) {
        if (v instanceof String s) {
            return Double.parseDouble(s);
        }
        return v instanceof Number n ? n.doubleValue() : def;
    }

    static long[] longs(int[] ids) {
        long[] out = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = ids[i];
        }
        return out;
    }

    /** Frame-major codes ({@code [t * layers + l]}) as {@code [t][l]}. */
    static int[][] frames(int[] codes, int frames, int layers) {
        int[][] out = new int[frames][layers];
        for (int t = 0; t < frames; t++) {
            System.arraycopy(codes, t * layers, out[t], 0, layers);
        }
        return out;
    }

    private static void plot(Path runDir, String modelClass) {
        try {
            Files.createDirectories(runDir.resolve("plots"));
            new LossCurvePlot(modelClass + " training", List.of("loss", "dev_loss", "ar_top10_acc", "dev_ar_top10_acc",
                    "nar_l2_top10_acc", "dev_nar_l2_top10_acc")).smoothing(9)
                    .write(runDir.resolve(RunDirectory.METRICS), runDir.resolve("plots/losses.png"));
        } catch (IOException | RuntimeException | LinkageError e) {
            // plots are a convenience: a run never fails because of them
            LOG.warn("could not draw the loss curves: {}", e.toString());
        }
    }
}
