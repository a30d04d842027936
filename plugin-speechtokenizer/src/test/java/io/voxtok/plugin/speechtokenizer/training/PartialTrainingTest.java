package io.voxtok.plugin.speechtokenizer.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.voxtok.api.VoxtokException;
import io.voxtok.modelio.StateDict;
import io.voxtok.training.CodecForward;
import io.voxtok.training.discriminator.DiscriminatorInit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trained_modules} and {@code discriminators}: a decoder-only fine-tune with a subset of the discriminators
 * changes the decoder and nothing else, so every code the start state produces stays the same; bad selections are
 * refused naming the file.
 */
class PartialTrainingTest {
    private static final Map<String, DiscriminatorInit> DISCS = Map.of("mpd", DiscriminatorInit.pytorchDefault(1),
            "msd", DiscriminatorInit.pytorchDefault(2), "mstftd", DiscriminatorInit.pytorchDefault(3));

    private static Path overfitConfig() throws Exception {
        return Path.of(PartialTrainingTest.class.getResource("/training/overfit.json").toURI());
    }

    private static Path variant(Path tmp, String name, String extraFields) throws Exception {
        String json = Files.readString(overfitConfig()).trim();
        // the reader refuses duplicate keys: drop the base file's lines for the keys given here
        for (String key : List.of("feature_loss_lambda", "adversarial_loss_lambda", "recon_loss_lambda")) {
            if (extraFields.contains("\"" + key + "\"")) {
                json = json.replaceAll("\\s*\"" + key + "\"\\s*:\\s*[^,\\n]+,", "");
            }
        }
        Path out = tmp.resolve(name);
        Files.writeString(out, json.substring(0, json.lastIndexOf('}')) + ", " + extraFields + "}");
        return out;
    }

    private static float[][] batch(TrainingConfig cfg, int offset) {
        float[] all = TrainingFixture.npy("inputs/step1_x.npy").toFloatArray();
        int n = cfg.segmentSize();
        return new float[][] {Arrays.copyOfRange(all, offset, offset + n),
            Arrays.copyOfRange(all, offset + n, offset + 2 * n)};
    }

    private static Map<String, float[]> state(SpeechTokenizerTrainer t) {
        Map<String, float[]> out = new LinkedHashMap<>();
        t.generator().stateDict().forEach((k, a) -> out.put(k, a.toFloatArray()));
        return out;
    }

    private static long[] codes(SpeechTokenizerTrainer t, float[][] audio) {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] flat = new float[audio.length * audio[0].length];
            for (int i = 0; i < audio.length; i++) {
                System.arraycopy(audio[i], 0, flat, i * audio[0].length, audio[0].length);
            }
            NDArray x = m.create(flat, new Shape(audio.length, 1, audio[0].length));
            CodecForward out = t.generator().forward(x, t.config().model().nQ(), false);
            return out.codes().toLongArray();
        }
    }

    @Test
    void aDecoderOnlyFineTuneKeepsEveryOtherWeightAndEveryCode(@TempDir Path tmp) throws Exception {
        TrainingConfig full = TrainingConfig.read(overfitConfig());
        Path start = tmp.resolve("start");
        Files.createDirectories(start);
        // a start state with trained codebooks: one full step (k-means initialises them) saved as a checkpoint
        try (SpeechTokenizerTrainer t = new SpeechTokenizerTrainer(full, new SpeechTokenizerTrainer.StartState(null,
                DISCS), 10)) {
            t.trainStep(batch(full, 0), null, null);
            TrainerCheckpoint.save(t, start, Map.of());
        }
        TrainingConfig partial = TrainingConfig.read(variant(tmp, "decoder-only.json",
                "\"trained_modules\": [\"decoder\"], \"discriminators\": [\"mpd\"], \"feature_loss_lambda\": 1,"
                        + " \"adversarial_loss_lambda\": 1, \"recon_loss_lambda\": 0"));
        assertFalse(partial.trainsWholeGenerator());
        StateDict generator = StateDict.read(start.resolve(TrainerCheckpoint.GENERATOR));
        try (SpeechTokenizerTrainer t = new SpeechTokenizerTrainer(partial,
                new SpeechTokenizerTrainer.StartState(generator, DISCS), 10)) {
            assertEquals(List.of("mpd"), t.discriminators().stream().map(d -> d.family()).toList());
            assertTrue(t.generatorParameters().keySet().stream().allMatch(k -> k.startsWith("decoder.")),
                    "only decoder parameters are optimised: " + t.generatorParameters().keySet());
            float[][] probe = batch(partial, 700);
            long[] codesBefore = codes(t, probe);
            Map<String, float[]> before = state(t);
            for (int i = 0; i < 2; i++) {
                StepMetrics m = t.trainStep(batch(partial, 100 * i), null, null);
                assertFalse(m.skipped());
                assertTrue(m.scalars().containsKey("L_adv_mpd") && !m.scalars().containsKey("L_adv_msd"));
            }
            Map<String, float[]> after = state(t);
            assertEquals(before.keySet(), after.keySet());
            int changed = 0;
            for (String k : before.keySet()) {
                boolean same = Arrays.equals(before.get(k), after.get(k));
                if (k.startsWith("decoder.")) {
                    changed += same ? 0 : 1;
                } else {
                    assertTrue(same, k + " changed, but only the decoder is trained");
                }
            }
            assertTrue(changed > 0, "the decoder was trained");
            assertArrayEquals(codesBefore, codes(t, probe), "codes stay those of the start state");
        }
    }

    @Test
    void aFrozenQuantizerNeedsTrainedCodebooks(@TempDir Path tmp) throws Exception {
        TrainingConfig partial = TrainingConfig.read(variant(tmp, "fresh-decoder-only.json",
                "\"trained_modules\": [\"decoder\"]"));
        VoxtokException e = assertThrows(VoxtokException.class, () -> new SpeechTokenizerTrainer(partial,
                new SpeechTokenizerTrainer.StartState(null, DISCS), 10));
        assertTrue(e.getMessage().contains("fresh-decoder-only.json") && e.getMessage().contains("not initialised"),
                e.getMessage());
    }

    @Test
    void badSelectionsAreRefusedNamingTheFileAndField(@TempDir Path tmp) throws Exception {
        String[][] cases = {
            {"\"trained_modules\": [\"decoder\", \"vocoder\"]", "trained_modules"},
            {"\"trained_modules\": []", "trained_modules"},
            {"\"trained_modules\": [\"decoder\", \"decoder\"]", "trained_modules"},
            {"\"trained_modules\": [\"encoder\", \"decoder\"]", "quantizer"},
            {"\"trained_modules\": \"decoder\"", "trained_modules"},
            {"\"discriminators\": [\"mpd\", \"hifi\"]", "discriminators"},
        };
        for (int i = 0; i < cases.length; i++) {
            Path file = variant(tmp, "bad-" + i + ".json", cases[i][0]);
            VoxtokException e = assertThrows(VoxtokException.class, () -> TrainingConfig.read(file), cases[i][0]);
            assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains(cases[i][1]),
                    cases[i][0] + " -> " + e.getMessage());
        }
        TrainingConfig none = TrainingConfig.read(variant(tmp, "no-discriminators.json", "\"discriminators\": []"));
        assertEquals(List.of(), none.discriminatorFamilies());
        assertTrue(TrainingConfig.read(overfitConfig()).trainsWholeGenerator());
    }
}
