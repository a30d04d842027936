package io.voxtok.plugin.speechtokenizer.training;

import io.voxtok.api.VoxtokException;
import io.voxtok.modelio.AtomicFiles;
import io.voxtok.modelio.Json;
import io.voxtok.modelio.SafetensorsWriter;
import io.voxtok.modelio.StateDict;
import io.voxtok.modelio.TorchZipWriter;
import io.voxtok.training.TrainingRecipe;
import io.voxtok.training.TrainingRequest;
import io.voxtok.training.TrainingResult;
import io.voxtok.training.discriminator.DiscriminatorInit;
import io.voxtok.training.run.Checkpoint;
import io.voxtok.training.run.CheckpointStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code voxtok train speechtokenizer}: the official SpeechTokenizer objective ({@link SpeechTokenizerTrainer}) on
 * a corpus ({@link CorpusRun}) or on fixed batches from given state dicts ({@link FixedBatchRun}, with the
 * official-trainer parity check when {@code --expected DIR} names the fixture); export of a run's generator in the
 * official layout; a step-time benchmark.
 */
public final class SpeechTokenizerRecipe implements TrainingRecipe {
    /** The recipe name on the command line. */
    public static final String NAME = "speechtokenizer";

    /** Public no-argument constructor for {@link java.util.ServiceLoader}. */
    public SpeechTokenizerRecipe() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "SpeechTokenizer: reconstruction + multi-scale mel + MPD/MSD/MS-STFT adversarial + feature matching"
                + " + commitment + HuBERT-style distillation on RVQ-1 (official trainer step order)";
    }

    @Override
    public TrainingResult train(TrainingRequest request) {
        if (request.batches() == null) {
            return CorpusRun.run(request);
        }
        if (request.init() == null) {
            throw VoxtokException.userInput("--batches needs --init (the start state dicts)");
        }
        if (request.config() == null) {
            throw VoxtokException.userInput("--config is required");
        }
        TrainingConfig cfg = TrainingConfig.read(request.config());
        int available = FixedBatchRun.countBatches(request.batches());
        if (available == 0) {
            throw VoxtokException.userInput("--batches " + request.batches() + " has no step1_x.npy");
        }
        int steps = request.steps() != null ? request.steps() : available;
        Path expected = request.options().containsKey("expected") ? Path.of(request.options().get("expected")) : null;
        OfficialTrainerParity parity = expected == null ? null : new OfficialTrainerParity(expected);
        int tMax = tMax(request, cfg, expected, available);
        List<StepMetrics> metrics = FixedBatchRun.run(cfg, request.init(), request.batches(), steps, tMax,
                request.output(), parity);
        copyConfig(request.config(), request.output());
        Map<String, Double> last = new LinkedHashMap<>(metrics.get(metrics.size() - 1).scalars());
        if (parity != null) {
            AtomicFiles.writeString(request.output().resolve("parity.txt"), parity.report());
            last.put("parity_checks", (double) parity.checks().size());
            last.put("parity_failed", (double) parity.checks().stream().filter(c -> !c.passed()).count());
        }
        return new TrainingResult(request.output(), steps, false, last);
    }

    private static int tMax(TrainingRequest request, TrainingConfig cfg, Path expected, int batches) {
        String o = request.options().get("t_max");
        if (o != null) {
            try {
                return Integer.parseInt(o.trim());
            } catch (NumberFormatException e) {
                throw VoxtokException.userInput("-O t_max=" + o + " is not an integer");
            }
        }
        if (cfg.tMax() != null) {
            return cfg.tMax();
        }
        if (expected != null) {
            Object opt = Json.readObject(expected.resolve("manifest.json")).get("optimizer");
            if (opt instanceof Map<?, ?> m && m.get("T_max") instanceof Number n) {
                return n.intValue();
            }
        }
        // the official formula with one batch file per step of the run
        return cfg.cosinePeriod(batches * cfg.batchSize());
    }

    @Override
    public List<Path> exportOfficial(Path runDir, Path modelDir, boolean best) {
        Path generator;
        Path checkpointDir = runDir.resolve("checkpoints");
        if (Files.isDirectory(checkpointDir)) {
            CheckpointStore store = new CheckpointStore(runDir, Integer.MAX_VALUE);
            Checkpoint ck = (best ? store.best() : store.latest()).orElseThrow(() -> VoxtokException.userInput(
                    runDir + " has no " + (best ? "best-dev " : "") + "checkpoint to export"));
            generator = ck.directory().resolve(TrainerCheckpoint.GENERATOR);
        } else if (Files.isRegularFile(runDir.resolve("generator.pt"))) {
            if (best) {
                throw VoxtokException.userInput(runDir + " is a fixed-batch run: it has no best-dev checkpoint");
            }
            generator = runDir.resolve("generator.pt");
        } else {
            throw VoxtokException.userInput(runDir + " is not a run directory (no checkpoints/ and no generator.pt)");
        }
        Path config = runDir.resolve(CorpusRun.CONFIG);
        if (!Files.isRegularFile(config)) {
            throw VoxtokException.userInput(runDir + " has no " + CorpusRun.CONFIG);
        }
        // validates the model fields and every key before anything is written
        TrainingConfig cfg = TrainingConfig.read(config);
        StateDict dict = StateDict.read(generator);
        try (ai.djl.ndarray.NDManager m = io.voxtok.nn.backend.PyTorchBackend.newManager(ai.djl.Device.cpu())) {
            io.voxtok.plugin.speechtokenizer.model.SpeechTokenizerNetwork.trainable(cfg.model(), dict, m);
        }
        try {
            Files.createDirectories(modelDir);
        } catch (IOException e) {
            throw VoxtokException.userInput("cannot create " + modelDir + ": " + e.getMessage());
        }
        List<Path> written = new ArrayList<>();
        copyConfig(config, modelDir);
        written.add(modelDir.resolve("config.json"));
        TorchZipWriter.write(modelDir.resolve("SpeechTokenizer.pt"), dict);
        written.add(modelDir.resolve("SpeechTokenizer.pt"));
        SafetensorsWriter.write(modelDir.resolve("SpeechTokenizer.safetensors"), dict);
        written.add(modelDir.resolve("SpeechTokenizer.safetensors"));
        return written;
    }

    @Override
    public Map<String, Object> benchmarkStep(Path config, int warmup, int repeats) {
        if (warmup < 0 || repeats < 1) {
            throw VoxtokException.userInput("need warmup >= 0 and repeats >= 1");
        }
        TrainingConfig cfg = TrainingConfig.read(config);
        SplittableRandom rnd = new SplittableRandom(cfg.seed());
        float[][] audio = new float[cfg.batchSize()][cfg.segmentSize()];
        for (float[] row : audio) {
            for (int i = 0; i < row.length; i++) {
                row[i] = (float) (0.1 * (rnd.nextDouble() * 2 - 1));
            }
        }
        float[][][] teacher = new float[cfg.batchSize()][cfg.segmentFrames()][cfg.model().semanticDimension()];
        for (float[][] item : teacher) {
            for (float[] row : item) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = (float) (rnd.nextDouble() * 2 - 1);
                }
            }
        }
        SpeechTokenizerTrainer.StartState start = new SpeechTokenizerTrainer.StartState(null, Map.of(
                "mpd", DiscriminatorInit.pytorchDefault(1), "msd", DiscriminatorInit.pytorchDefault(2),
                "mstftd", DiscriminatorInit.pytorchDefault(3)));
        Map<String, Object> out = new LinkedHashMap<>();
        List<Double> times = new ArrayList<>();
        try (SpeechTokenizerTrainer trainer = new SpeechTokenizerTrainer(cfg, start, 1000)) {
            long t0 = System.nanoTime();
            trainer.trainStep(audio, teacher, null); // includes the first-batch k-means of every codebook
            out.put("first_step_seconds_with_kmeans_init", (System.nanoTime() - t0) / 1e9);
            for (int i = 1; i < warmup; i++) {
                trainer.trainStep(audio, teacher, null);
            }
            for (int i = 0; i < repeats; i++) {
                long t = System.nanoTime();
                trainer.trainStep(audio, teacher, null);
                times.add((System.nanoTime() - t) / 1e9);
            }
            out.put("generator_parameters", count(trainer.generatorParameters()));
            out.put("discriminator_parameters", count(trainer.discriminatorParameters()));
        }
        List<Double> sorted = new ArrayList<>(times);
        sorted.sort(Double::compare);
        out.put("benchmark", "train-step");
        out.put("config", config.toString());
        out.put("batch_size", cfg.batchSize());
        out.put("segment_samples", cfg.segmentSize());
        out.put("kmeans_iterations", cfg.kmeansIterations());
        out.put("step_seconds", times);
        out.put("median_step_seconds", sorted.get(sorted.size() / 2));
        return out;
    }

    private static long count(Map<String, ai.djl.ndarray.NDArray> params) {
        long n = 0;
        for (ai.djl.ndarray.NDArray a : params.values()) {
            n += a.size();
        }
        return n;
    }

    private static void copyConfig(Path config, Path dir) {
        Path target = dir.resolve(CorpusRun.CONFIG);
        try {
            if (Files.exists(target) && Files.isSameFile(config, target)) {
                return;
            }
            byte[] bytes = Files.readAllBytes(config);
            AtomicFiles.write(target, out -> out.write(bytes));
        } catch (IOException e) {
            throw VoxtokException.userInput("cannot copy " + config + " to " + target + ": " + e.getMessage());
        }
    }
}
