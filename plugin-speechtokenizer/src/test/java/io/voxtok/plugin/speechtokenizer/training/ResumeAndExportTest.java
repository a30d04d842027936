package io.voxtok.plugin.speechtokenizer.training;

import ai.djl.Device;
import io.voxtok.modelio.SafetensorsReader;
import io.voxtok.modelio.StateDict;
import io.voxtok.modelio.Tensor;
import io.voxtok.plugin.speechtokenizer.model.EncodedBatch;
import io.voxtok.plugin.speechtokenizer.model.SpeechTokenizerModel;
import io.voxtok.training.TrainingRequest;
import io.voxtok.training.TrainingResult;
import io.voxtok.training.run.MetricsLog;
import io.voxtok.training.run.MetricsRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Corpus-mode training on the bundled corpus with a tiny configuration: a run interrupted after step 2 and
 * resumed reaches step 4 with exactly the losses and weights of an uninterrupted run; the exported official
 * layout reads back through the SDK's own loader and gives the codes of the trained network.
 */
class ResumeAndExportTest {
    private final SpeechTokenizerRecipe recipe = new SpeechTokenizerRecipe();

    static Path tinyConfig() {
        try {
            return Path.of(ResumeAndExportTest.class.getResource("/training/tiny.json").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path bundledCorpus() {
        return Path.of(System.getProperty("voxtok.root"), "corpus", "bundled");
    }

    private TrainingResult train(Path out, boolean resume, Integer steps) {
        return recipe.train(new TrainingRequest(resume ? null : tinyConfig(), bundledCorpus(), null, out, resume,
                null, null, steps, Map.of()));
    }

    @Test
    void resumedRunEqualsUninterruptedRunAndExportReadsBack(@TempDir Path tmp) throws Exception {
        Path straight = tmp.resolve("straight");
        TrainingResult a = train(straight, false, null);
        assertEquals(4, a.step());
        Path split = tmp.resolve("split");
        assertEquals(2, train(split, false, 2).step());
        assertThrows(io.voxtok.api.VoxtokException.class, () -> train(split, false, 4),
                "a second fresh start into the same run directory is refused");
        TrainingResult b = train(split, true, 4);
        assertEquals(4, b.step());

        List<MetricsRecord> la = MetricsLog.read(straight.resolve("metrics.jsonl"));
        List<MetricsRecord> lb = MetricsLog.read(split.resolve("metrics.jsonl"));
        assertEquals(la.size(), lb.size());
        for (int i = 0; i < la.size(); i++) {
            Map<String, Object> va = new java.util.TreeMap<>(la.get(i).values());
            Map<String, Object> vb = new java.util.TreeMap<>(lb.get(i).values());
            // timings differ between runs; everything else must be identical
            va.keySet().removeIf(k -> k.contains("seconds"));
            vb.keySet().removeIf(k -> k.contains("seconds"));
            assertEquals(va, vb, "metrics of record " + i);
        }
        Path ckA = straight.resolve("checkpoints").resolve("step-000004");
        Path ckB = split.resolve("checkpoints").resolve("step-000004");
        for (String f : new String[] {"generator.safetensors", "discriminators.safetensors",
            "optimizer_g.safetensors", "optimizer_d.safetensors"}) {
            Map<String, Tensor> ta = SafetensorsReader.read(ckA.resolve(f));
            Map<String, Tensor> tb = SafetensorsReader.read(ckB.resolve(f));
            assertEquals(ta.keySet(), tb.keySet(), f);
            for (String k : ta.keySet()) {
                assertArrayEquals(ta.get(k).toFloatArray(), tb.get(k).toFloatArray(), f + " " + k);
            }
        }

        // export and read back with the inference loader
        Path model = tmp.resolve("model");
        List<Path> files = recipe.exportOfficial(straight, model, false);
        assertEquals(3, files.size());
        StateDict pt = StateDict.read(model.resolve("SpeechTokenizer.pt"));
        StateDict st = StateDict.read(model.resolve("SpeechTokenizer.safetensors"));
        StateDict ck = StateDict.read(ckA.resolve("generator.safetensors"));
        assertEquals(ck.keys(), pt.keys());
        for (String k : ck.keys()) {
            assertArrayEquals(ck.get(k).toFloatArray(), pt.get(k).toFloatArray(), k);
            assertArrayEquals(ck.get(k).toFloatArray(), st.get(k).toFloatArray(), k);
        }
        float[] audio = new float[16000];
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < audio.length; i++) {
            audio[i] = (float) (0.3 * Math.sin(i * 0.05) + 0.05 * (r.nextDouble() - 0.5));
        }
        TrainingConfig cfg = TrainingConfig.read(tinyConfig());
        try (SpeechTokenizerModel fromSafetensors = SpeechTokenizerModel.load(model, Device.cpu());
             SpeechTokenizerModel fromPt = SpeechTokenizerModel.load(model.resolve("config.json"),
                     model.resolve("SpeechTokenizer.pt"), Device.cpu());
             ai.djl.ndarray.NDManager m = io.voxtok.nn.backend.PyTorchBackend.newManager(Device.cpu())) {
            EncodedBatch e1 = fromSafetensors.encode(new float[][] {audio}, 0, cfg.model().nQ());
            EncodedBatch e2 = fromPt.encode(new float[][] {audio}, 0, cfg.model().nQ());
            var net = io.voxtok.plugin.speechtokenizer.model.SpeechTokenizerNetwork.trainable(cfg.model(), ck, m);
            long[] direct;
            try (ai.djl.ndarray.NDArray x = m.create(audio, new ai.djl.ndarray.types.Shape(1, 1, audio.length));
                 ai.djl.ndarray.NDArray lat = net.encoder().forward(x, false);
                 ai.djl.ndarray.NDArray codes = net.quantizer().encode(lat, 0, cfg.model().nQ())) {
                direct = codes.toLongArray();
            }
            int[] flat1 = flatten(e1.codes());
            assertArrayEquals(flatten(e2.codes()), flat1, ".pt and .safetensors give the same codes");
            long[] flat1l = java.util.Arrays.stream(flat1).asLongStream().toArray();
            assertArrayEquals(direct, flat1l, "the exported model encodes as the trained network");
            assertFalse(java.util.Arrays.stream(flat1).allMatch(c -> c == flat1[0]), "codes are not constant");
        }
        assertTrue(Files.isRegularFile(straight.resolve("plots/losses.png")));
    }

    private static int[] flatten(int[][][] codes) {
        return java.util.Arrays.stream(codes).flatMap(java.util.Arrays::stream).flatMapToInt(java.util.Arrays::stream)
                .toArray();
    }
}
