package io.voxtok.plugin.phoneteacher.training;

import io.voxtok.api.VoxtokException;
import io.voxtok.data.CorpusEntry;
import io.voxtok.data.ManifestDataset;
import io.voxtok.data.PhoneAlignment;
import io.voxtok.modelio.AtomicFiles;
import io.voxtok.plugin.phoneteacher.model.PhoneTeacherConfig;
import io.voxtok.training.TrainingRequest;
import io.voxtok.training.TrainingResult;
import io.voxtok.training.data.Batch;
import io.voxtok.training.data.CropSampler;
import io.voxtok.training.data.CropSpec;
import io.voxtok.training.data.PrefetchingBatchSource;
import io.voxtok.training.data.SamplerPosition;
import io.voxtok.training.data.SpeakerSplit;
import io.voxtok.training.data.TrainingCorpus;
import io.voxtok.training.data.ValidationItem;
import io.voxtok.training.data.ValidationSet;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A phone-teacher training run on a corpus: random crops of the training split labelled from their alignments,
 * dev frame accuracy on the held-out speakers every {@code valid_steps} (the best one marked for export),
 * checkpoints every {@code save_steps} and on SIGINT/SIGTERM, {@code --resume} from the latest checkpoint with
 * exactly the batches an uninterrupted run would have drawn (the sampler position is a function of the step), a
 * JSONL log of every step, a progress bar with ETA, and a loss/accuracy plot.
 *
 * <p>Run directory: {@code config.json} (the training configuration the run was started with),
 * {@code metrics.jsonl}, {@code checkpoints/step-N/} ({@link TeacherCheckpoint}) with {@code best.json},
 * {@code plots/losses.png}.
 */
public final class TeacherCorpusRun {
    private static final Logger LOG = LoggerFactory.getLogger(TeacherCorpusRun.class);
    static final String CONFIG = RunDirectory.CONFIG;
    static final String METRICS = RunDirectory.METRICS;
    static final String BEST_KEY = "best_dev_frame_accuracy";

    private TeacherCorpusRun() {
    }

    /** Runs or resumes. */
    public static TrainingResult run(TrainingRequest request) {
        if (!request.options().isEmpty()) {
            throw VoxtokException.userInput("unknown option(s) -O " + request.options().keySet()
                    + " (set training fields in the config file)");
        }
        if (request.teacherCache() != null || request.init() != null || request.batches() != null) {
            throw VoxtokException.userInput("phone-teacher trains from phone alignments only: --teacher-cache, --init "
                    + "and --batches do not apply");
        }
        Path runDir = request.output();
        Path config = RunDirectory.configOf(request);
        TeacherTrainingConfig cfg = TeacherTrainingConfig.read(config);
        Path manifest = RunDirectory.manifestOf(request.corpus());
        SpeakerSplit split = SpeakerSplit.of(new ManifestDataset(manifest));
        if (split.train().isEmpty()) {
            throw VoxtokException.userInput(manifest + " has no training split");
        }
        if (split.dev().isEmpty()) {
            throw VoxtokException.userInput(manifest + " has no dev split (held-out speakers) for validation");
        }
        PhoneTeacherConfig model = cfg.model().withPhones(PhoneInventory.of(split.train()));
        LOG.info("{} phones in the training split of {}: {}", model.numPhones(), manifest, model.phones());
        FrameLabeller labeller = new FrameLabeller(model);
        Map<String, CorpusEntry> byId = new HashMap<>();
        split.train().forEach(e -> byId.put(e.id(), e));
        int sr = model.sampleRate();
        TrainingCorpus train = TrainingCorpus.of("training split of " + manifest, split.train(), Optional.empty(), sr);
        List<CorpusEntry> devEntries = split.dev().subList(0, Math.min(cfg.validItems(), split.dev().size()));
        devEntries.forEach(e -> byId.put(e.id(), e));
        TrainingCorpus dev = TrainingCorpus.of("dev split of " + manifest, devEntries, Optional.empty(), sr);
        CropSpec spec = new CropSpec(sr, cfg.segmentSize(), model.hop(), cfg.batchSize(), cfg.seed());
        long total = request.steps() != null ? request.steps() : cfg.maxSteps();

        RunDirectory.prepare(runDir, config, request.resume());
        CheckpointStore store = new CheckpointStore(runDir, cfg.checkpointsKept());
        Map<String, Double> last = new LinkedHashMap<>();
        boolean interrupted = false;
        try (PhoneTeacherTrainer trainer = new PhoneTeacherTrainer(cfg, model)) {
            LOG.info("phone teacher: {} parameters", trainer.network().parameterCount());
            double bestDev = Double.NEGATIVE_INFINITY;
            if (request.resume()) {
                Checkpoint ck = store.latestForResume();
                Map<String, Object> extra = TeacherCheckpoint.load(trainer, ck.directory());
                if (extra.get(BEST_KEY) instanceof String s) {
                    bestDev = Double.parseDouble(s);
                }
                LOG.info("resumed {} at step {}", runDir, trainer.step());
            }
            // dev audio and labels are loaded once: a few minutes of audio at most (valid_items x valid_seconds)
            List<float[]> devAudio = new ArrayList<>();
            List<int[]> devLabels = new ArrayList<>();
            ValidationSet valid = ValidationSet.firstSeconds(dev, spec, cfg.validSeconds());
            for (int i = 0; i < valid.size(); i++) {
                ValidationItem v = valid.get(i);
                if (v.audio().length < model.hop()) {
                    continue;
                }
                devAudio.add(v.audio());
                devLabels.add(labels(labeller, byId.get(v.id()), 0, v.audio().length, model.frames(v.audio().length)));
            }
            CropSampler sampler = new CropSampler(train, spec);
            SamplerPosition position = SamplerPosition.afterSteps(trainer.step(), sampler.batchesPerEpoch());
            try (PrefetchingBatchSource source = new PrefetchingBatchSource(sampler, position, cfg.loaderThreads(), 4);
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
                    Batch batch = source.next();
                    int[][] lab = new int[batch.size()][];
                    for (int r = 0; r < batch.size(); r++) {
                        lab[r] = labels(labeller, byId.get(batch.ids().get(r)), batch.cropStarts()[r],
                                batch.lengths()[r], spec.segmentFrames());
                    }
                    StepResult m = trainer.trainStep(batch.audio(), lab);
                    log.log(m.step(), m.toMap(""));
                    last.put("loss", m.loss());
                    last.put("frame_accuracy", m.accuracy());
                    progress.update(m.step(), Map.of("loss", m.loss(), "acc", m.accuracy()));
                    if (!Double.isFinite(m.loss())) {
                        progress.message("stopping: the loss is not finite at step " + m.step());
                        interrupted = true;
                        break;
                    }
                    boolean validate = m.step() % cfg.validSteps() == 0 || m.step() == total;
                    if (m.step() % cfg.saveSteps() == 0 || validate) {
                        double acc = Double.NaN;
                        if (validate) {
                            StepResult d = trainer.evaluate(devAudio, devLabels);
                            acc = d.accuracy();
                            log.log(m.step(), d.toMap("dev_"));
                            last.put("dev_loss", d.loss());
                            last.put("dev_frame_accuracy", acc);
                            progress.message(String.format(java.util.Locale.ROOT,
                                    "step %d: dev loss %.4f, dev frame accuracy %.4f", m.step(), d.loss(), acc));
                            bestDev = Double.isFinite(acc) && acc > bestDev ? acc : bestDev;
                        }
                        save(store, trainer, bestDev);
                        savedAt = m.step();
                        if (validate && acc == bestDev) {
                            store.markBest(m.step(), "dev_frame_accuracy", acc);
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
            last.put("parameters", (double) trainer.network().parameterCount());
            if (Double.isFinite(bestDev)) {
                last.put(BEST_KEY, bestDev);
            }
            return new TrainingResult(runDir, trainer.step(), interrupted, last);
        }
    }

    private static int[] labels(FrameLabeller labeller, CorpusEntry e, int start, int valid, int frames) {
        PhoneAlignment a = e.alignment().orElseThrow(() -> VoxtokException.userInput("item '" + e.id() + "' ("
                + e.audioPath() + ") has no phone alignment"));
        return labeller.labels(a, start, valid, frames, "item '" + e.id() + "' (" + e.audioPath() + ")");
    }

    private static void save(CheckpointStore store, PhoneTeacherTrainer trainer, double bestDev) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put(BEST_KEY, Double.toString(bestDev));
        store.save(trainer.step(), dir -> TeacherCheckpoint.save(trainer, dir, extra));
    }

    private static void plot(Path runDir) {
        try {
            Files.createDirectories(runDir.resolve("plots"));
            new LossCurvePlot("Phone teacher training", List.of("loss", "dev_loss", "frame_accuracy",
                    "dev_frame_accuracy")).smoothing(9).write(runDir.resolve(METRICS), runDir.resolve("plots/losses.png"));
        } catch (IOException | RuntimeException | LinkageError e) {
            // plots are a convenience: a run never fails because of them
            LOG.warn("could not draw the loss curves: {}", e.toString());
        }
    }


}
