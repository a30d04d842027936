package io.voxtok.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.data.Split;
import io.voxtok.data.lm.LmTokenCorpusWriter;
import io.voxtok.modelio.Json;
import io.voxtok.modelio.NpyFile;
import io.voxtok.modelio.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code voxtok train uslm} (with {@code --resume}), {@code voxtok export --recipe uslm} and {@code voxtok lm score}
 * through the packaged uslm plugin on a tiny synthetic token corpus; {@code lm score} of the official fixture model;
 * the shipped {@code uslm-small} and {@code valle-small} load by name for scoring and generation.
 */
class UslmTrainCliTest {
    @TempDir
    Path dir;

    /** Utterances of random phonemes, two frames each, codes a function of phoneme, layer and frame. */
    private static Path corpus(Path out, int codebook) {
        List<String> phones = List.of("a", "b", "d", "e", "i", "k", "o", "u");
        SplittableRandom rnd = new SplittableRandom(5);
        List<LmTokenCorpusWriter.Utterance> train = new ArrayList<>();
        List<LmTokenCorpusWriter.Utterance> dev = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            List<String> ph = new ArrayList<>();
            int n = 4 + rnd.nextInt(5);
            for (int k = 0; k < n; k++) {
                ph.add(k == 3 ? "_" : phones.get(rnd.nextInt(phones.size())));
            }
            int[][] codes = new int[8][2 * n];
            for (int l = 0; l < 8; l++) {
                for (int t = 0; t < 2 * n; t++) {
                    codes[l][t] = Math.floorMod(ph.get(t / 2).hashCode() * 7 + l * 5 + t % 2, codebook);
                }
            }
            (i < 12 ? train : dev).add(new LmTokenCorpusWriter.Utterance("u" + i, i < 12 ? "s1" : "s2",
                    String.join("", ph), ph, codes));
        }
        LmTokenCorpusWriter.write(out, new LmTokenCorpusWriter.Source("speechtokenizer", "synthetic", 50.0, 8, codebook),
                Map.of(Split.TRAIN, train, Split.DEV, dev));
        return out;
    }

    private static Map<String, Object> score(Path json) {
        Map<String, Object> o = Json.readObject(json);
        for (String k : List.of("ar_top10_accuracy", "nar_l2_top10_accuracy", "nar_l3_8_top10_accuracy")) {
            double a = ((Number) o.get(k)).doubleValue();
            assertTrue(a >= 0 && a <= 1, k + " = " + a);
        }
        double loss = ((Number) o.get("loss")).doubleValue();
        assertTrue(Double.isFinite(loss) && loss > 0, "loss " + loss);
        return o;
    }

    @Test
    void trainResumeExportAndScore() throws IOException {
        Path tokens = corpus(dir.resolve("tokens"), 64);
        Path cfg = dir.resolve("tiny.json");
        Files.writeString(cfg, "{\"d_model\": 32, \"nhead\": 2, \"num_layers\": 1, \"max_frames\": 120,"
                + " \"warmup_steps\": 2, \"max_steps\": 4, \"valid_steps\": 2, \"save_steps\": 2, \"valid_items\": 2}");
        Path run = dir.resolve("run");
        Cli r = Cli.run("train", "uslm", "--config", cfg.toString(), "--tokens", tokens.toString(), "--out",
                run.toString(), "--steps", "2", "--threads", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("step 2, completed"), r.out());
        r = Cli.run("train", "uslm", "--tokens", tokens.toString(), "-o", run.toString(), "--resume", "--threads", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("step 4, completed") && r.out().contains("dev_loss"), r.out());
        assertTrue(Files.isRegularFile(run.resolve("plots/losses.png")));

        Path model = dir.resolve("model");
        r = Cli.run("export", "--recipe", "uslm", "--official", run.toString(), "-o", model.toString());
        assertEquals(0, r.code(), r.err());
        Path json = dir.resolve("score.json");
        r = Cli.run("lm", "score", "--model", model.toString(), "--tokens", tokens.toString(), "--split", "dev",
                "-o", json.toString(), "--threads", "1");
        assertEquals(0, r.code(), r.err());
        Map<String, Object> s = score(json);
        assertEquals(2L, ((Number) s.get("utterances")).longValue());
        assertEquals("uslm", s.get("lm"));
        assertTrue(r.out().contains("\"nar_stage_loss\""), r.out());

        Cli bad = Cli.run("train", "uslm", "--config", cfg.toString(), "--tokens", dir.resolve("none").toString(),
                "-o", dir.resolve("run2").toString());
        assertTrue(bad.code() != 0 && bad.err().contains("none"), bad.err());
    }

    @Test
    void scoresTheOfficialFixtureModel() {
        Path tokens = corpus(dir.resolve("tokens1024"), 1024);
        Path fixture = Path.of(System.getProperty("voxtok.shared"), "fixtures", "parity", "uslm", "uslm");
        Path json = dir.resolve("fixture.json");
        Cli r = Cli.run("lm", "score", "-m", fixture.toString(), "--tokens", tokens.toString(), "--split", "train",
                "--max-items", "3", "-o", json.toString());
        assertEquals(0, r.code(), r.err());
        Map<String, Object> s = score(json);
        assertEquals(3L, ((Number) s.get("utterances")).longValue());
        // random weights over 1025 classes: the AR loss is near log(1025) = 6.93, far from a trained model's
        double ar = ((Number) s.get("ar_loss")).doubleValue();
        assertTrue(ar > 4 && ar < 10, "AR loss " + ar);
    }

    @ParameterizedTest
    @ValueSource(strings = {"uslm-small", "valle-small"})
    void shippedLanguageModelsLoadByName(String name) throws IOException {
        Path tokens = corpus(dir.resolve("tokens"), 256);
        Cli r = Cli.run("lm", "score", "--model", name, "--tokens", tokens.toString(), "--split", "dev");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"lm\" : \"" + (name.startsWith("valle") ? "valle" : "uslm") + "\"")
                || r.out().contains("\"lm\": \"" + (name.startsWith("valle") ? "valle" : "uslm") + "\""), r.out());
        Path ids = dir.resolve("ids.npy");
        Path prompt = dir.resolve("prompt.npy");
        NpyFile.write(ids, Tensor.ofLongs(new long[] {1, 20, 30, 6, 25, 40, 6, 33, 12, 3, 2}, 1, 11));
        long[] p = new long[25 * 8];
        for (int i = 0; i < p.length; i++) {
            p[i] = (i * 37) % 256;
        }
        NpyFile.write(prompt, Tensor.ofLongs(p, 1, 25, 8));
        Path out = dir.resolve("gen.npy");
        r = Cli.run("lm", "generate", "--model", name, "--text-ids", ids.toString(), "--prompt-codes",
                prompt.toString(), "--max-frames", "15", "--seed", "3", "-O", "first-step-eos=empty", "-o",
                out.toString());
        assertEquals(0, r.code(), r.err());
        Tensor t = NpyFile.read(out);
        assertEquals(8, t.shape()[2]);
        for (long c : t.toLongArray()) {
            assertTrue(c >= 0 && c < 256, "code " + c);
        }
    }

    @Test
    void commandsAnswerHelp() {
        Cli r = Cli.run("lm", "score", "--help");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("--tokens") && r.out().contains("--split"), r.out());
        r = Cli.run("train", "--help");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("--tokens"), r.out());
    }
}
