package io.voxtok.plugin.speakerencoder.training;

import io.voxtok.api.VoxtokException;
import io.voxtok.data.CorpusEntry;
import io.voxtok.data.ManifestDataset;
import io.voxtok.metrics.speaker.SpeakerTrials;
import io.voxtok.training.TrainingRequest;
import io.voxtok.training.TrainingResult;
import io.voxtok.training.data.Batch;
import io.voxtok.training.data.CropSampler;
import io.voxtok.training.data.CropSpec;
import io.voxtok.training.data.PrefetchingBatchSource;
import io.voxtok.training.data.SamplerPosition;
import io.voxtok.training.data.SpeakerSplit;
import io.voxtok.training.data.TrainingCorpus;
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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A speaker-encoder training run on a corpus: random crops of the training split labelled with their speaker,
 * the equal error rate of all same/different-speaker trials among dev utterances (held-out speakers, whole
 * utterances, cosine scoring) every {@code valid_steps} (the lowest one marked for export), checkpoints every
 * {@code save_steps} and on SIGINT/SIGTERM, {@code --resume} from the latest checkpoint with exactly the batches
 * and learning rates an uninterrupted run would have used, a JSONL log of every step, a progress bar with ETA, and
 * a loss/EER plot.
 *
 * <p>Run directory: {@code config.json} (the training configuration), {@code metrics.jsonl},
 * {@code checkpoints/step-N/} ({@link SpeakerCheckpoint}) with {@code best.json}, {@code plots/losses.png}.
 */
public final class SpeakerCorpusRun {
    private static final Logger LOG = LoggerFactory.getLogger(SpeakerCorpusRun.class);
    static final String BEST_KEY = "best_dev_eer";

    private SpeakerCorpusRun() {
    }

    /** Runs or resumes. */
    public static TrainingResult run(TrainingRequest request) {
        if (!request.options().isEmpty()) {
            throw VoxtokException.userInput("unknown option(s) -O " + request.options().keySet()
                    + " (set training fields in the config file)");
        }
        if (request.teacherCache() != null || request.init() != null || request.batches() != null) {
            throw VoxtokException.userInput("speaker-encoder trains from speaker labels only: --teacher-cache, --init "
                    + "and --batches do not apply");
        }
        Path runDir = request.output();
        Path config = RunDirectory.configOf(request);
        SpeakerTrainingConfig cfg = SpeakerTrainingConfig.read(config);
        Path manifest = RunDirectory.manifestOf(request.corpus());
        SpeakerSplit split = SpeakerSplit.of(new ManifestDataset(manifest)).requireHeldOutSpeakers();
        List<String> speakers = new ArrayList<>(new TreeSet<>(split.train().stream().map(CorpusEntry::speaker).toList()));
        if (speakers.size() < 2) {
            throw VoxtokException.userInput(manifest + ": the training split has " + speakers.size()
                    + " speaker(s); speaker classification needs at least 2");
        }
        List<CorpusEntry> devEntries = spread(split.dev(), cfg.validItems());
        if (devEntries.stream().map(CorpusEntry::speaker).distinct().count() < 2) {
            throw VoxtokException.userInput(manifest + ": the dev split needs utterances of at least 2 speakers for "
                    + "the validation EER");
        }
        LOG.info("{} training speakers, {} dev utterances of {} held-out speakers", speakers.size(), devEntries.size(),
                devEntries.stream().map(CorpusEntry::speaker).distinct().count());
        Map<String, Integer> speakerOf = new HashMap<>();
        split.train().forEach(e -> speakerOf.put(e.id(), speakers.indexOf(e.speaker())));
        int sr = cfg.model().sampleRate();
        TrainingCorpus train = TrainingCorpus.of("training split of " + manifest, split.train(), Optional.empty(), sr);
        TrainingCorpus dev = TrainingCorpus.of("dev split of " + manifest, devEntries, Optional.empty(), sr);
        CropSpec spec = new CropSpec(sr, cfg.segmentSize(), cfg.model().hop(), cfg.batchSize(), cfg.seed());
        long total = request.steps() != null ? request.steps() : cfg.maxSteps();

        RunDirectory.prepare(runDir, config, request.resume());
        CheckpointStore store = new CheckpointStore(runDir, cfg.checkpointsKept());
        Map<String, Double> last = new LinkedHashMap<>();
        boolean interrupted = false;
        try (SpeakerEncoderTrainer trainer = new SpeakerEncoderTrainer(cfg, speakers)) {
            LOG.info("speaker encoder: {} parameters", trainer.network().parameterCount());
            double bestDev = Double.POSITIVE_INFINITY;
            if (request.resume()) {
                Checkpoint ck = store.latestForResume();
                Map<String, Object> extra = SpeakerCheckpoint.load(trainer, ck.directory());
                if (extra.get(BEST_KEY) instanceof String s) {
                    bestDev = Double.parseDouble(s);
                }
                LOG.info("resumed {} at step {}", runDir, trainer.step());
            }
            // dev audio is loaded once: valid_items whole utterances
            List<float[]> devAudio = new ArrayList<>();
            List<String> devSpeakers = new ArrayList<>();
            int minSamples = trainer.network().minSamples();
            for (int i = 0; i < dev.size(); i++) {
                float[] a = dev.load(i).audio();
                if (a.length >= minSamples) {
                    devAudio.add(a);
                    devSpeakers.add(devEntries.get(i).speaker());
                }
            }
            CropSampler sampler = new CropSampler(train, spec);
            SamplerPosition position = SamplerPosition.afterSteps(trainer.step(), sampler.batchesPerEpoch());
            try (PrefetchingBatchSource source = new PrefetchingBatchSource(sampler, position, cfg.loaderThreads(), 4);
                 MetricsLog log = request.resume() ? MetricsLog.resume(runDir.resolve(RunDirectory.METRICS),
                         trainer.step()) : MetricsLog.create(runDir.resolve(RunDirectory.METRICS));
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
                    int[] labels = new int[batch.size()];
                    for (int r = 0; r < batch.size(); r++) {
                        labels[r] = speakerOf.get(batch.ids().get(r));
                    }
                    SpeakerStepResult m = trainer.trainStep(batch.audio(), batch.lengths(), labels);
                    log.log(m.step(), m.toMap());
                    last.put("loss", m.loss());
                    last.put("speaker_accuracy", m.accuracy());
                    progress.update(m.step(), Map.of("loss", m.loss(), "acc", m.accuracy()));
                    if (!Double.isFinite(m.loss())) {
                        progress.message("stopping: the loss is not finite at step " + m.step());
                        interrupted = true;
                        break;
                    }
                    boolean validate = m.step() % cfg.validSteps() == 0 || m.step() == total;
                    if (m.step() % cfg.saveSteps() == 0 || validate) {
                        double eer = Double.NaN;
                        if (validate) {
                            long t0 = System.nanoTime();
                            eer = SpeakerTrials.equalErrorRate(trainer.embed(devAudio), devSpeakers).eer();
                            log.log(m.step(), Map.of("dev_eer", eer, "dev_seconds", (System.nanoTime() - t0) / 1e9));
                            last.put("dev_eer", eer);
                            progress.message(String.format(Locale.ROOT, "step %d: dev EER %.4f (%d utterances)",
                                    m.step(), eer, devAudio.size()));
                            bestDev = Double.isFinite(eer) && eer < bestDev ? eer : bestDev;
                        }
                        save(store, trainer, bestDev);
                        savedAt = m.step();
                        if (validate && eer == bestDev) {
                            store.markBest(m.step(), "dev_eer", eer);
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

    /**
     * Up to {@code n} entries spread evenly over {@code entries} (corpora list a speaker's utterances together, so
     * the first {@code n} would cover few speakers).
     */
    static List<CorpusEntry> spread(List<CorpusEntry> entries, int n) {
        if (entries.size() <= n) {
            return entries;
        }
        List<CorpusEntry> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(entries.get((int) ((long) i * entries.size() / n)));
        }
        return out;
    }

    private static void save(CheckpointStore store, SpeakerEncoderTrainer trainer, double bestDev) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put(BEST_KEY, Double.toString(bestDev));
        store.save(trainer.step(), dir -> SpeakerCheckpoint.save(trainer, dir, extra));
    }

    private static void plot(Path runDir) {
        try {
            Files.createDirectories(runDir.resolve("plots"));
            new LossCurvePlot("Speaker encoder training", List.of("loss", "speaker_accuracy", "dev_eer"))
                    .smoothing(9).write(runDir.resolve(RunDirectory.METRICS), runDir.resolve("plots/losses.png"));
        } catch (IOException | RuntimeException | LinkageError e) {
            // plots are a convenience: a run never fails because of them
            LOG.warn("could not draw the loss curves: {}", e.toString());
        }
    }
}
