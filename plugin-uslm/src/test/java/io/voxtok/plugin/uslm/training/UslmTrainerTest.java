package io.voxtok.plugin.uslm.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.VoxtokException;
import io.voxtok.modelio.Json;
import io.voxtok.plugin.uslm.config.UslmOptions;
import io.voxtok.plugin.uslm.model.UslmModel;
import io.voxtok.plugin.uslm.model.UslmModelDirectory;
import io.voxtok.training.TrainingRequest;
import io.voxtok.training.TrainingResult;
import io.voxtok.training.run.MetricsLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code voxtok train uslm} in-process on a tiny synthetic token corpus: the loss falls, the run directory holds
 * metrics, checkpoints, the best-dev pointer and the plot, a run resumed halfway ends with the same bits as an
 * uninterrupted one, bad checkpoints and configurations are refused naming the file, and the export loads.
 */
class UslmTrainerTest {
    @TempDir
    Path dir;

    private TrainingResult train(Path config, Path tokens, Path run, boolean resume, Integer steps) {
        return new UslmRecipe().train(new TrainingRequest(resume ? null : config, null, null, run, resume, null, null,
                steps, Map.of(), tokens));
    }

    private static List<Double> series(Path run, String key) {
        return MetricsLog.read(run.resolve("metrics.jsonl")).stream().filter(r -> r.values().containsKey(key))
                .map(r -> r.scalar(key).orElseThrow()).toList();
    }

    @Test
    void lossFallsAndTheRunDirectoryIsComplete() throws Exception {
        Path tokens = SyntheticTokens.write(dir.resolve("tokens"), 64, 48, 4, 1);
        Path run = dir.resolve("run");
        TrainingResult r = train(SyntheticTokens.config(dir.resolve("c.json"), 40, 20, ""), tokens, run, false, null);
        assertEquals(40, r.step());
        assertFalse(r.interrupted());
        List<Double> loss = series(run, "loss");
        assertEquals(40, loss.size());
        double first = loss.subList(0, 5).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double last = loss.subList(35, 40).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertTrue(last < 0.6 * first, "loss " + first + " -> " + last);
        List<Double> dev = series(run, "dev_loss");
        assertEquals(2, dev.size(), "dev scored at steps 20 and 40");
        assertTrue(dev.get(1) < dev.get(0), "dev loss " + dev);
        for (String k : List.of("ar_loss", "ar_top10_acc", "nar_l2_loss", "nar_l3_8_top10_acc", "lr", "grad_norm",
                "seconds", "dev_ar_top10_acc", "dev_nar_l3_8_loss")) {
            assertFalse(series(run, k).isEmpty(), k + " logged");
        }
        assertTrue(Files.isRegularFile(run.resolve("plots/losses.png")));
        assertTrue(Files.isRegularFile(run.resolve("checkpoints/best.json")));
        assertTrue(Files.isDirectory(run.resolve("checkpoints/step-000040")));

        Path model = dir.resolve("model");
        new UslmRecipe().exportOfficial(run, model, true);
        try (UslmModel m = UslmModel.load(model, UslmOptions.official())) {
            assertEquals(64, m.config().numAudioTokens());
            assertEquals(32, m.config().dModel());
        }
        assertEquals("speechtokenizer", UslmModelDirectory.info(model).get("tokenizer"));
        assertTrue(Files.isRegularFile(model.resolve("unique_text_tokens.k2symbols")));
    }

    @Test
    void aResumedRunEndsWithTheBitsOfAnUninterruptedOne() throws Exception {
        Path tokens = SyntheticTokens.write(dir.resolve("tokens"), 64, 24, 2, 2);
        Path config = SyntheticTokens.config(dir.resolve("c.json"), 12, 6, "");
        Path straight = dir.resolve("straight");
        train(config, tokens, straight, false, null);
        Path split = dir.resolve("split");
        train(config, tokens, split, false, 6);
        // what an interrupted save leaves behind must not be taken for a checkpoint
        Files.createDirectories(split.resolve("checkpoints/.tmp-step-000009-x"));
        Files.writeString(split.resolve("checkpoints/.tmp-step-000009-x/trainer.json"), "{");
        TrainingResult r = train(config, tokens, split, true, null);
        assertEquals(12, r.step());
        for (String f : List.of("model.safetensors", "optimizer.safetensors")) {
            assertArrayEquals(Files.readAllBytes(straight.resolve("checkpoints/step-000012/" + f)),
                    Files.readAllBytes(split.resolve("checkpoints/step-000012/" + f)), f);
        }
        assertEquals(series(straight, "loss"), series(split, "loss"));
        assertEquals(series(straight, "nar_stage"), series(split, "nar_stage"));
        assertEquals(12, series(split, "loss").size(), "the log holds each step once");
    }

    @Test
    void trainStageSelectsTheParts() {
        Path tokens = SyntheticTokens.write(dir.resolve("tokens"), 64, 8, 1, 4);
        io.voxtok.data.lm.LmTokenCorpus corpus = io.voxtok.data.lm.LmTokenCorpus.open(tokens);
        io.voxtok.plugin.uslm.data.UslmBatch batch = new io.voxtok.plugin.uslm.data.UslmBatchCollator(8)
                .collate(corpus, corpus.entries(io.voxtok.data.Split.TRAIN));
        for (int stage = 0; stage <= 2; stage++) {
            Path c = SyntheticTokens.config(dir.resolve("stage" + stage + ".json"), 4, 2, "\"train_stage\": " + stage);
            UslmTrainingConfig cfg = UslmTrainingConfig.read(c);
            try (UslmTrainer t = new UslmTrainer(cfg, cfg.model(corpus.manifest().vocabularySize(), 64))) {
                UslmStepResult r = t.trainStep(batch);
                assertEquals(stage == 2, Double.isNaN(r.arLoss()), "stage " + stage);
                assertEquals(stage == 1, Double.isNaN(r.narL2Loss()), "stage " + stage);
                double parts = (Double.isNaN(r.arLoss()) ? 0 : r.arLoss())
                        + (Double.isNaN(r.narL2Loss()) ? 0 : r.narL2Loss() + r.narKLoss());
                assertEquals(stage == 0 ? parts / 2 : parts, r.loss(), 1e-4 * r.loss(), "official total, stage " + stage);
                assertTrue(r.narStage() == 0 || (r.narStage() >= 2 && r.narStage() <= 7));
                assertTrue(r.gradNorm() > 0 && !r.skipped());
            }
        }
        // the named fix: padded positions leave the AR loss, so a padded batch's AR loss is smaller
        double[] ar = new double[2];
        for (int fix = 0; fix < 2; fix++) {
            Path c = SyntheticTokens.config(dir.resolve("fix" + fix + ".json"), 4, 2,
                    "\"train_stage\": 1, \"ar_loss_ignores_padding\": " + (fix == 1));
            UslmTrainingConfig cfg = UslmTrainingConfig.read(c);
            try (UslmTrainer t = new UslmTrainer(cfg, cfg.model(corpus.manifest().vocabularySize(), 64))) {
                ar[fix] = t.trainStep(batch).arLoss();
            }
        }
        assertTrue(ar[1] < ar[0], "AR loss without padding " + ar[1] + " vs official " + ar[0]);
    }

    @Test
    void badCheckpointsAndConfigurationsAreRefusedNamingTheFile() throws Exception {
        Path tokens = SyntheticTokens.write(dir.resolve("tokens"), 64, 12, 2, 3);
        Path config = SyntheticTokens.config(dir.resolve("c.json"), 4, 2, "");
        Path run = dir.resolve("run");
        train(config, tokens, run, false, null);
        Path ck = run.resolve("checkpoints/step-000004");
        Path trainer = ck.resolve("trainer.json");
        String good = Files.readString(trainer);
        Files.writeString(trainer, good.replace("voxtok-uslm-trainer/1", "something-else/9"));
        VoxtokException e = assertThrows(VoxtokException.class, () -> train(config, tokens, run, true, 6));
        assertTrue(e.getMessage().contains(trainer.toString()), e.getMessage());
        Files.writeString(trainer, "{\"format\": \"voxtok-uslm-trainer/1\", \"step\": 4}");
        e = assertThrows(VoxtokException.class, () -> train(config, tokens, run, true, 6));
        assertTrue(e.getMessage().contains(trainer.toString()) && e.getMessage().contains("malformed"), e.getMessage());
        Files.writeString(trainer, good);
        Files.delete(ck.resolve("optimizer.safetensors"));
        e = assertThrows(VoxtokException.class, () -> train(config, tokens, run, true, 6));
        assertTrue(e.getMessage().contains("optimizer.safetensors") && e.getMessage().contains(ck.toString()),
                e.getMessage());

        Path other = SyntheticTokens.config(dir.resolve("other.json"), 4, 2, "\"dropout\": 0.5");
        e = assertThrows(VoxtokException.class, () -> train(other, tokens, dir.resolve("run2"), false, null));
        assertTrue(e.getMessage().contains(other.toString()) && e.getMessage().contains("dropout"), e.getMessage());
        e = assertThrows(VoxtokException.class, () -> train(config, null, dir.resolve("run3"), false, null));
        assertTrue(e.getMessage().contains("--tokens"), e.getMessage());
        e = assertThrows(VoxtokException.class, () -> train(config, dir.resolve("nowhere"), dir.resolve("run4"), false,
                null));
        assertTrue(e.getMessage().contains("nowhere"), e.getMessage());
        Map<String, Object> best = Json.readObject(run.resolve("checkpoints/best.json"));
        assertTrue(best.containsKey("step") || !best.isEmpty());
    }
}
