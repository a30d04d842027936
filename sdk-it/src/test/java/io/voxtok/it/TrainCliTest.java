package io.voxtok.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code voxtok train}, {@code voxtok export --official} through the packaged SpeechTokenizer plugin: one official
 * training step on the shared parity fixture's first fixed batch from its start state, and a short corpus run on
 * the bundled corpus that is resumed, exported and loaded back by {@code voxtok encode}.
 */
class TrainCliTest {
    @TempDir
    static Path dir;

    private static Path run;
    private static Cli train;

    private static Path fixture() {
        return Path.of(System.getProperty("voxtok.shared"), "fixtures", "parity", "training");
    }

    @BeforeAll
    static void oneFixedBatchStep() {
        run = dir.resolve("run");
        train = Cli.run("train", "speechtokenizer", "--config", fixture().resolve("config.json").toString(),
                "--init", fixture().toString(), "--batches", fixture().resolve("inputs").toString(), "--steps", "1",
                "-O", "t_max=20", "-o", run.toString());
    }

    /** Every written file the command lists (indented lines after the first) exists. */
    private static List<Path> listedFiles(Cli r) {
        List<Path> files = r.out().lines().skip(1).map(String::trim).filter(l -> !l.isEmpty()).map(Path::of).toList();
        assertFalse(files.isEmpty(), r.out());
        for (Path f : files) {
            assertTrue(Files.isRegularFile(f), f + " listed but not written");
        }
        return files;
    }

    @Test
    void listNamesTheSpeechTokenizerRecipe() {
        Cli r = Cli.run("train", "--list");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("speechtokenizer"), r.out());
    }

    @Test
    void anUnknownRecipeIsAUsageErrorNamingTheAvailableOnes() {
        Cli r = Cli.run("train", "no-such-recipe", "--config", fixture().resolve("config.json").toString(), "--init",
                fixture().toString(), "--batches", fixture().resolve("inputs").toString(), "-o",
                dir.resolve("unused").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("no-such-recipe") && r.err().contains("speechtokenizer"), r.err());
    }

    @Test
    void oneFixedBatchStepWritesGeneratorDiscriminatorsAndLosses() throws IOException {
        assertEquals(0, train.code(), train.err());
        assertTrue(train.out().contains("step 1"), train.out());
        for (String name : new String[] {"generator.pt", "disc_mpd.pt", "disc_msd.pt", "disc_mstftd.pt",
                "losses.jsonl"}) {
            assertTrue(Files.isRegularFile(run.resolve(name)), name + " missing in " + run);
        }
        assertFalse(Files.readAllLines(run.resolve("losses.jsonl")).isEmpty(), "losses.jsonl is empty");
    }

    @Test
    void exportOfficialWritesTheGeneratorOfAFixedBatchRun() {
        assertEquals(0, train.code(), train.err());
        Path model = dir.resolve("fixed-model");
        Cli r = Cli.run("export", "--official", run.toString(), "-o", model.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(listedFiles(r).contains(model.resolve("SpeechTokenizer.pt")), r.out());
    }

    @Test
    void resumingARunThatDoesNotExistIsAUsageError() {
        Path missing = dir.resolve("missing-run");
        Cli r = Cli.run("train", "speechtokenizer", "--corpus", Cli.root().resolve("corpus/bundled").toString(),
                "--resume", "-o", missing.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(missing.toString()), r.err());
    }

    @Test
    void aCorpusRunResumesExportsAndItsModelEncodes() throws IOException {
        // The parity configuration with small discriminators and validation (hence a best checkpoint) every step.
        String base = Files.readString(fixture().resolve("config.json")).trim();
        Path config = Files.writeString(dir.resolve("corpus-train.json"), base.substring(0, base.lastIndexOf('}'))
                + ", \"valid_steps\": 1, \"valid_items\": 2, \"valid_seconds\": 1.0, \"loader_threads\": 1,"
                + " \"mpd_width_divisor\": 4, \"msd_width_divisor\": 4, \"mstftd_filters\": 8}");
        String corpus = Cli.root().resolve("corpus/bundled").toString();
        Path corpusRun = dir.resolve("corpus-run");

        Cli first = Cli.run("train", "speechtokenizer", "--config", config.toString(), "--corpus", corpus, "--steps",
                "2", "-o", corpusRun.toString());
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains("step 2, completed"), first.out());
        assertTrue(Files.isRegularFile(corpusRun.resolve("config.json")), "config.json missing in " + corpusRun);
        assertTrue(Files.isDirectory(corpusRun.resolve("checkpoints")), "checkpoints/ missing in " + corpusRun);

        Cli again = Cli.run("train", "speechtokenizer", "--config", config.toString(), "--corpus", corpus, "--steps",
                "2", "-o", corpusRun.toString());
        assertEquals(1, again.code(), again.out());
        assertTrue(again.err().contains("--resume"), again.err());

        Cli resumed = Cli.run("train", "speechtokenizer", "--corpus", corpus, "--steps", "3", "--resume", "-o",
                corpusRun.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("step 3, completed"), resumed.out());

        Path model = dir.resolve("corpus-model");
        Cli latest = Cli.run("export", "--official", corpusRun.toString(), "-o", model.toString());
        assertEquals(0, latest.code(), latest.err());
        List<Path> files = listedFiles(latest);
        assertTrue(files.contains(model.resolve("SpeechTokenizer.pt")) && files.contains(model.resolve("config.json")),
                latest.out());
        Cli best = Cli.run("export", "--official", corpusRun.toString(), "--best", "-o", dir.resolve("best").toString());
        assertEquals(0, best.code(), best.err());
        listedFiles(best);

        // The export loads back as a tokenizer, and so does its official pair alone (config.json + the .pt).
        Path official = Files.createDirectories(dir.resolve("official"));
        Files.copy(model.resolve("config.json"), official.resolve("config.json"));
        Files.copy(model.resolve("SpeechTokenizer.pt"), official.resolve("SpeechTokenizer.pt"));
        Path wav = Path.of(System.getProperty("voxtok.shared"), "fixtures", "parity", "speechtokenizer", "utt1_16k.wav");
        for (Path m : new Path[] {model, official}) {
            Path codes = dir.resolve(m.getFileName() + "-codes.npy");
            Cli enc = Cli.run("encode", "-t", "speechtokenizer", "-m", m.toString(), wav.toString(), "-o",
                    codes.toString());
            assertEquals(0, enc.code(), enc.err());
            assertTrue(Files.size(codes) > 0);
        }
    }

    @Test
    void teacherFeaturesFromTheFeaturesCommandDriveTheDistillationTerm() throws IOException {
        // HuBERT-style teacher (the HuBERT parity checkpoint, 64-dimensional) -> feature cache -> distillation target
        Path feats = dir.resolve("teacher-feats");
        Cli f = Cli.run("features", "-m", fixture().getParent().resolve("hubert").toString(), "--layer", "avg",
                Cli.root().resolve("corpus/bundled/audio").toString(), "-o", feats.toString());
        assertEquals(0, f.code(), f.err());
        String base = Files.readString(fixture().resolve("config.json")).trim();
        Path config = Files.writeString(dir.resolve("distill-train.json"), base.substring(0, base.lastIndexOf('}'))
                .replace("\"semantic_dimension\": 32", "\"semantic_dimension\": 64")
                + ", \"loader_threads\": 1, \"mpd_width_divisor\": 4, \"msd_width_divisor\": 4,"
                + " \"mstftd_filters\": 8}");
        Path out = dir.resolve("distill-run");
        Cli r = Cli.run("train", "speechtokenizer", "--config", config.toString(), "--corpus",
                Cli.root().resolve("corpus/bundled").toString(), "--teacher-cache", feats.toString(), "--steps", "1",
                "-o", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("L_distill"), "no distillation term logged: " + r.out());
        assertTrue(Files.readString(out.resolve("metrics.jsonl")).contains("\"L_distill\""));

        // the same step with centred targets: same crops and reconstruction, a different distillation term
        String centredConfig = Files.readString(config);
        centredConfig = centredConfig.substring(0, centredConfig.lastIndexOf('}')) + ", \"distill_target_centering\": true}";
        Path centred = dir.resolve("distill-centred-run");
        Cli c = Cli.run("train", "speechtokenizer", "--config",
                Files.writeString(dir.resolve("distill-centred.json"), centredConfig).toString(), "--corpus",
                Cli.root().resolve("corpus/bundled").toString(), "--teacher-cache", feats.toString(), "--steps", "1",
                "-o", centred.toString());
        assertEquals(0, c.code(), c.err());
        Map<String, Object> plain = io.voxtok.training.run.MetricsLog.read(out.resolve("metrics.jsonl")).get(0).values();
        Map<String, Object> shifted = io.voxtok.training.run.MetricsLog.read(centred.resolve("metrics.jsonl")).get(0)
                .values();
        assertEquals(plain.get("L_mel_0"), shifted.get("L_mel_0"));
        assertNotEquals(plain.get("L_distill"), shifted.get("L_distill"));
    }

    @Test
    void aDecoderOnlyFineTuneOfTheShippedModelKeepsItsCodesAndChangesItsAudio() throws IOException {
        // the shipped decoder-only recipe, shrunk to a tiny batch and validation on the bundled corpus
        String recipe = Files.readString(Cli.root().resolve("configs/speechtokenizer_small_decoder_gan.json"))
                .replace("\"batch_size\": 6,", "\"batch_size\": 2,")
                .replace("\"valid_items\": 8,", "\"valid_items\": 1,")
                .replace("\"valid_seconds\": 4.0,", "\"valid_seconds\": 1.0,");
        assertTrue(recipe.contains("\"batch_size\": 2,") && recipe.contains("\"trained_modules\""), recipe);
        Path config = Files.writeString(dir.resolve("decoder-only.json"), recipe);
        Path fineTune = dir.resolve("decoder-only-run");
        Cli r = Cli.run("train", "speechtokenizer", "--init", "speechtokenizer-small", "--config", config.toString(),
                "--corpus", Cli.root().resolve("corpus/bundled").toString(), "--steps", "2", "--threads", "1", "-o",
                fineTune.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("step 2, completed") && r.out().contains("L_adv_mpd"), r.out());
        Path model = dir.resolve("decoder-only-model");
        Cli export = Cli.run("export", "--official", fineTune.toString(), "-o", model.toString());
        assertEquals(0, export.code(), export.err());

        Path wav = Path.of(System.getProperty("voxtok.shared"), "fixtures", "parity", "speechtokenizer", "utt1_16k.wav");
        byte[][] codes = new byte[2][];
        byte[][] audio = new byte[2][];
        String[] models = {"speechtokenizer-small", model.toString()};
        for (int i = 0; i < 2; i++) {
            Path c = dir.resolve("decoder-only-codes-" + i + ".npy");
            Path a = dir.resolve("decoder-only-resynth-" + i + ".wav");
            Cli enc = Cli.run("encode", "-t", "speechtokenizer", "-m", models[i], wav.toString(), "-o", c.toString());
            assertEquals(0, enc.code(), enc.err());
            Cli res = Cli.run("resynth", "-t", "speechtokenizer", "-m", models[i], wav.toString(), "-o", a.toString());
            assertEquals(0, res.code(), res.err());
            codes[i] = Files.readAllBytes(c);
            audio[i] = Files.readAllBytes(a);
        }
        assertTrue(java.util.Arrays.equals(codes[0], codes[1]), "the fine-tune changed the shipped model's codes");
        assertFalse(java.util.Arrays.equals(audio[0], audio[1]), "the fine-tune left the decoder as it was");
        // the run's learning curve scores its checkpoint, the detail distance included
        Path curve = dir.resolve("decoder-only-curve");
        Cli lc = Cli.run("learning-curve", fineTune.toString(), "--corpus",
                Cli.root().resolve("corpus/bundled").toString(), "--items", "1", "--no-asr", "-o", curve.toString());
        assertEquals(0, lc.code(), lc.err());
        String jsonl = Files.readString(curve.resolve("curve.jsonl"));
        assertTrue(jsonl.contains("\"step\": 2") && jsonl.contains("log_mel_detail_distance")
                && jsonl.contains("log_mel_distance"), jsonl);
        assertTrue(Files.size(curve.resolve("curve.png")) > 0 && Files.isRegularFile(curve.resolve("curve.md")));
    }
}
