package io.voxtok.plugin.phoneteacher.training;

import ai.djl.ndarray.NDManager;
import io.voxtok.api.VoxtokException;
import io.voxtok.modelio.StateDict;
import io.voxtok.nn.backend.PyTorchBackend;
import io.voxtok.plugin.phoneteacher.model.PhoneTeacherConfig;
import io.voxtok.plugin.phoneteacher.model.PhoneTeacherModelDirectory;
import io.voxtok.plugin.phoneteacher.model.PhoneTeacherNetwork;
import io.voxtok.training.TrainingRecipe;
import io.voxtok.training.TrainingRequest;
import io.voxtok.training.TrainingResult;
import io.voxtok.training.run.Checkpoint;
import io.voxtok.training.run.CheckpointStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code voxtok train phone-teacher}: a frame-level phone classifier trained with cross-entropy on a corpus'
 * alignments ({@link TeacherCorpusRun}); export of a run's latest or best-dev checkpoint as a model directory for
 * the {@code phone-teacher} teacher; a step-time benchmark.
 */
public final class PhoneTeacherRecipe implements TrainingRecipe {
    /** The recipe name on the command line. */
    public static final String NAME = "phone-teacher";

    /** Public no-argument constructor for {@link java.util.ServiceLoader}. */
    public PhoneTeacherRecipe() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "phone-classifier teacher: log-mel CNN, frame cross-entropy on the corpus' phone alignments";
    }

    @Override
    public TrainingResult train(TrainingRequest request) {
        return TeacherCorpusRun.run(request);
    }

    /** {@inheritDoc} Writes {@code config.json} and {@code model.safetensors} ({@link PhoneTeacherModelDirectory}). */
    @Override
    public List<Path> exportOfficial(Path runDir, Path modelDir, boolean best) {
        if (!Files.isDirectory(runDir.resolve("checkpoints"))) {
            throw VoxtokException.userInput(runDir + " is not a phone-teacher run directory (no checkpoints/)");
        }
        CheckpointStore store = new CheckpointStore(runDir, Integer.MAX_VALUE);
        Checkpoint ck = (best ? store.best() : store.latest()).orElseThrow(() -> VoxtokException.userInput(
                runDir + " has no " + (best ? "best-dev " : "") + "checkpoint to export"));
        PhoneTeacherConfig config = TeacherCheckpoint.modelConfig(ck.directory());
        StateDict dict = StateDict.read(ck.directory().resolve(PhoneTeacherModelDirectory.WEIGHTS));
        // loading validates every key and shape before anything is written
        try (NDManager m = PyTorchBackend.newManager(ai.djl.Device.cpu())) {
            PhoneTeacherNetwork net = PhoneTeacherNetwork.load(config, dict, m);
            return new ArrayList<>(PhoneTeacherModelDirectory.write(modelDir, config, net.stateDict()));
        }
    }

    @Override
    public Map<String, Object> benchmarkStep(Path config, int warmup, int repeats) {
        if (warmup < 0 || repeats < 1) {
            throw VoxtokException.userInput("need warmup >= 0 and repeats >= 1");
        }
        TeacherTrainingConfig cfg = TeacherTrainingConfig.read(config);
        // a 40-phone inventory, about what CMU/radio phone sets give
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            phones.add(String.format("p%02d", i));
        }
        PhoneTeacherConfig model = cfg.model().withPhones(phones);
        SplittableRandom rnd = new SplittableRandom(cfg.seed());
        float[][] audio = new float[cfg.batchSize()][cfg.segmentSize()];
        int[][] labels = new int[cfg.batchSize()][cfg.segmentFrames()];
        for (int b = 0; b < audio.length; b++) {
            for (int i = 0; i < audio[b].length; i++) {
                audio[b][i] = (float) (0.1 * (rnd.nextDouble() * 2 - 1));
            }
            for (int t = 0; t < labels[b].length; t++) {
                labels[b][t] = rnd.nextInt(phones.size());
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        List<Double> times = new ArrayList<>();
        try (PhoneTeacherTrainer trainer = new PhoneTeacherTrainer(cfg, model)) {
            for (int i = 0; i < warmup; i++) {
                trainer.trainStep(audio, labels);
            }
            for (int i = 0; i < repeats; i++) {
                times.add(trainer.trainStep(audio, labels).seconds());
            }
            out.put("parameters", trainer.network().parameterCount());
        }
        List<Double> sorted = new ArrayList<>(times);
        sorted.sort(Double::compare);
        out.put("benchmark", "train-step");
        out.put("config", config.toString());
        out.put("batch_size", cfg.batchSize());
        out.put("segment_samples", cfg.segmentSize());
        out.put("step_seconds", times);
        out.put("median_step_seconds", sorted.get(sorted.size() / 2));
        return out;
    }
}
