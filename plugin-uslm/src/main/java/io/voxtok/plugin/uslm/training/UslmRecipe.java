package io.voxtok.plugin.uslm.training;

import io.voxtok.api.VoxtokException;
import io.voxtok.modelio.StateDict;
import io.voxtok.plugin.uslm.config.UslmConfig;
import io.voxtok.plugin.uslm.config.UslmOptions;
import io.voxtok.plugin.uslm.model.UslmModel;
import io.voxtok.plugin.uslm.model.UslmModelDirectory;
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
 * {@code voxtok train uslm}: USLM / VALL-E training on a token corpus ({@link UslmCorpusRun}); export of a run's
 * latest or best-dev checkpoint as a model directory for the {@code uslm} and {@code valle} language models
 * ({@code voxtok export --recipe uslm}); a step-time benchmark on random codes ({@code voxtok bench train-step
 * --recipe uslm}).
 */
public final class UslmRecipe implements TrainingRecipe {
    /** The recipe name on the command line. */
    public static final String NAME = "uslm";

    /** Public no-argument constructor for {@link java.util.ServiceLoader}. */
    public UslmRecipe() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "USLM / VALL-E (AR RVQ-1 + NAR RVQ-2..8) on a token corpus from 'voxtok lm prepare' (--tokens DIR)";
    }

    @Override
    public TrainingResult train(TrainingRequest request) {
        return UslmCorpusRun.run(request);
    }

    /** {@inheritDoc} Writes {@code config.json}, {@code model.safetensors} and the vocabulary ({@link UslmModelDirectory}). */
    @Override
    public List<Path> exportOfficial(Path runDir, Path modelDir, boolean best) {
        if (!Files.isDirectory(runDir.resolve("checkpoints"))) {
            throw VoxtokException.userInput(runDir + " is not a uslm run directory (no checkpoints/)");
        }
        CheckpointStore store = new CheckpointStore(runDir, Integer.MAX_VALUE);
        Checkpoint ck = (best ? store.best() : store.latest()).orElseThrow(() -> VoxtokException.userInput(
                runDir + " has no " + (best ? "best-dev " : "") + "checkpoint to export"));
        Path dir = ck.directory();
        UslmConfig config = UslmCheckpoint.modelConfig(dir);
        Map<String, Object> info = new LinkedHashMap<>(UslmModelDirectory.info(dir));
        info.put("checkpoint_step", ck.step());
        Object vocab = info.get("vocabulary");
        Path vocabulary = vocab == null ? null : dir.resolve(vocab.toString());
        if (vocabulary != null && !Files.isRegularFile(vocabulary)) {
            throw VoxtokException.userInput("checkpoint " + dir + " lacks its vocabulary " + vocabulary.getFileName());
        }
        // loading validates every key and shape before anything is written
        try (UslmModel model = UslmModel.load(config, StateDict.read(dir.resolve(UslmModelDirectory.WEIGHTS)),
                UslmOptions.official())) {
            return new ArrayList<>(UslmModelDirectory.write(modelDir, config, model.network().stateDict(), info,
                    vocabulary));
        }
    }

    /** {@inheritDoc} Random text ids and codes (64 text ids, 256 codes), utterances of 3 s at 50 Hz filling {@code max_duration}. */
    @Override
    public Map<String, Object> benchmarkStep(Path config, int warmup, int repeats) {
        if (warmup < 0 || repeats < 1) {
            throw VoxtokException.userInput("need warmup >= 0 and repeats >= 1");
        }
        UslmTrainingConfig cfg = UslmTrainingConfig.read(config);
        UslmConfig model = cfg.model(64, 256);
        int frames = 150;
        int textLen = 45;
        int items = Math.max(1, (int) Math.floor(cfg.framesBudget() ? cfg.maxDuration() / frames : cfg.maxDuration() / 3.0));
        SplittableRandom rnd = new SplittableRandom(cfg.seed());
        long[] text = new long[items * textLen];
        long[] codes = new long[items * frames * 8];
        int[] xl = new int[items];
        int[] yl = new int[items];
        for (int i = 0; i < text.length; i++) {
            text[i] = i % textLen == 0 ? 1 : i % textLen == textLen - 1 ? 2 : 3 + rnd.nextInt(61);
        }
        for (int i = 0; i < codes.length; i++) {
            codes[i] = rnd.nextInt(256);
        }
        java.util.Arrays.fill(xl, textLen);
        java.util.Arrays.fill(yl, frames);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            ids.add("u" + i);
        }
        io.voxtok.plugin.uslm.data.UslmBatch batch = new io.voxtok.plugin.uslm.data.UslmBatch(ids, text, textLen, xl,
                codes, frames, 8, yl);
        Map<String, Object> out = new LinkedHashMap<>();
        List<Double> times = new ArrayList<>();
        try (UslmTrainer trainer = new UslmTrainer(cfg, model)) {
            for (int i = 0; i < warmup; i++) {
                trainer.trainStep(batch);
            }
            for (int i = 0; i < repeats; i++) {
                times.add(trainer.trainStep(batch).seconds());
            }
            out.put("parameters", trainer.parameterCount());
        }
        List<Double> sorted = new ArrayList<>(times);
        sorted.sort(Double::compare);
        out.put("benchmark", "train-step");
        out.put("recipe", NAME);
        out.put("config", config.toString());
        out.put("utterances", items);
        out.put("frames_per_utterance", frames);
        out.put("text_ids_per_utterance", textLen);
        out.put("train_stage", cfg.trainStage());
        out.put("step_seconds", times);
        out.put("median_step_seconds", sorted.get(sorted.size() / 2));
        return out;
    }
}
