package io.voxtok.plugin.speakerencoder.training;

import ai.djl.ndarray.NDManager;
import io.voxtok.api.VoxtokException;
import io.voxtok.modelio.StateDict;
import io.voxtok.nn.backend.PyTorchBackend;
import io.voxtok.plugin.speakerencoder.model.SpeakerEncoderConfig;
import io.voxtok.plugin.speakerencoder.model.SpeakerEncoderModelDirectory;
import io.voxtok.plugin.speakerencoder.model.SpeakerEncoderNetwork;
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
 * {@code voxtok train speaker-encoder}: an x-vector trained with the additive-margin softmax on the training
 * speakers of a corpus ({@link SpeakerCorpusRun}); export of a run's latest or best-dev-EER checkpoint as a model
 * directory for the {@code speaker-encoder} speaker encoder (the AM-softmax head is dropped); a step-time benchmark.
 */
public final class SpeakerEncoderRecipe implements TrainingRecipe {
    /** The recipe name on the command line. */
    public static final String NAME = "speaker-encoder";

    /** Public no-argument constructor for {@link java.util.ServiceLoader}. */
    public SpeakerEncoderRecipe() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "x-vector speaker encoder: log-mel TDNN + statistics pooling, additive-margin softmax over the corpus' "
                + "training speakers, dev EER on held-out speakers";
    }

    @Override
    public TrainingResult train(TrainingRequest request) {
        return SpeakerCorpusRun.run(request);
    }

    /** {@inheritDoc} Writes {@code config.json} and {@code model.safetensors} ({@link SpeakerEncoderModelDirectory}). */
    @Override
    public List<Path> exportOfficial(Path runDir, Path modelDir, boolean best) {
        if (!Files.isDirectory(runDir.resolve("checkpoints"))) {
            throw VoxtokException.userInput(runDir + " is not a speaker-encoder run directory (no checkpoints/)");
        }
        CheckpointStore store = new CheckpointStore(runDir, Integer.MAX_VALUE);
        Checkpoint ck = (best ? store.best() : store.latest()).orElseThrow(() -> VoxtokException.userInput(
                runDir + " has no " + (best ? "best-dev " : "") + "checkpoint to export"));
        SpeakerEncoderConfig config = SpeakerCheckpoint.modelConfig(ck.directory());
        StateDict dict = StateDict.read(ck.directory().resolve(SpeakerEncoderModelDirectory.WEIGHTS));
        // loading validates every key and shape before anything is written
        try (NDManager m = PyTorchBackend.newManager(ai.djl.Device.cpu())) {
            SpeakerEncoderNetwork net = SpeakerEncoderNetwork.load(config, dict, m);
            return new ArrayList<>(SpeakerEncoderModelDirectory.write(modelDir, config, net.stateDict()));
        }
    }

    @Override
    public Map<String, Object> benchmarkStep(Path config, int warmup, int repeats) {
        if (warmup < 0 || repeats < 1) {
            throw VoxtokException.userInput("need warmup >= 0 and repeats >= 1");
        }
        SpeakerTrainingConfig cfg = SpeakerTrainingConfig.read(config);
        List<String> speakers = new ArrayList<>();
        for (int i = 0; i < 28; i++) {
            speakers.add(String.format("s%02d", i));
        }
        SplittableRandom rnd = new SplittableRandom(cfg.seed());
        float[][] audio = new float[cfg.batchSize()][cfg.segmentSize()];
        int[] lengths = new int[cfg.batchSize()];
        int[] labels = new int[cfg.batchSize()];
        for (int b = 0; b < audio.length; b++) {
            for (int i = 0; i < audio[b].length; i++) {
                audio[b][i] = (float) (0.1 * (rnd.nextDouble() * 2 - 1));
            }
            lengths[b] = cfg.segmentSize();
            labels[b] = rnd.nextInt(speakers.size());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        List<Double> times = new ArrayList<>();
        try (SpeakerEncoderTrainer trainer = new SpeakerEncoderTrainer(cfg, speakers)) {
            for (int i = 0; i < warmup; i++) {
                trainer.trainStep(audio, lengths, labels);
            }
            for (int i = 0; i < repeats; i++) {
                times.add(trainer.trainStep(audio, lengths, labels).seconds());
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
