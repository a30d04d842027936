package io.voxtok.training.discriminator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.voxtok.modelio.Json;
import io.voxtok.modelio.StateDict;
import io.voxtok.modelio.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The official-size discriminators built with the fixture's closed-form rule have exactly the fixture's keys,
 * shapes and tensors: SHA-256 of every tensor (disc_init.json), the whole MS-STFT state dict (disc_mstftd.pt), and
 * the sampled initial MPD/MSD values (init/disc_{mpd,msd}_sampled.npy).
 */
class ClosedFormWeightsTest {
    @Test
    void multiPeriodMatchesHashesAndSamples() {
        try (NDManager m = NDManager.newBaseManager();
             DiscriminatorFamily d = MultiPeriodDiscriminator.create(m, MultiPeriodConfig.official(),
                     DiscriminatorInit.closedForm(TrainingFixture.DISC_SEED))) {
            long t0 = System.nanoTime();
            checkHashes(d);
            checkSampled(d, "init/disc_mpd_sampled.npy", "disc_mpd_sampled.npy");
            System.out.printf("mpd: %d tensors, %d parameters; hashes checked in %.2f s%n", d.stateDict().size(),
                    parameterCount(d), (System.nanoTime() - t0) / 1e9);
            assertEquals(41_105_770, parameterCount(d));
        }
    }

    @Test
    void multiScaleMatchesHashesAndSamples() {
        try (NDManager m = NDManager.newBaseManager();
             DiscriminatorFamily d = MultiScaleDiscriminator.create(m, MultiScaleConfig.official(),
                     DiscriminatorInit.closedForm(TrainingFixture.DISC_SEED))) {
            checkHashes(d);
            checkSampled(d, "init/disc_msd_sampled.npy", "disc_msd_sampled.npy");
            assertEquals(29_618_821, parameterCount(d));
        }
    }

    @Test
    void multiScaleStftMatchesHashesAndStoredStateDict() {
        StateDict stored = StateDict.read(TrainingFixture.file("disc_mstftd.pt"));
        try (NDManager m = NDManager.newBaseManager();
             DiscriminatorFamily d = MultiScaleStftDiscriminator.create(m, MultiScaleStftConfig.official(),
                     DiscriminatorInit.closedForm(TrainingFixture.DISC_SEED))) {
            checkHashes(d);
            assertEquals(472_330, parameterCount(d));
            Map<String, NDArray> own = d.stateDict();
            assertEquals(new ArrayList<>(stored.keys()), new ArrayList<>(own.keySet()));
            for (Map.Entry<String, NDArray> e : own.entrySet()) {
                Tensor t = stored.get(e.getKey());
                assertArrayEquals(t.shape(), e.getValue().getShape().getShape(), e.getKey());
                assertArrayEquals(t.toFloatArray(), e.getValue().toFloatArray(), e.getKey());
            }
        }
    }

    /** The rule's a and b, recomputed from fan_in, are the float32 numbers disc_init.json lists. */
    @Test
    @SuppressWarnings("unchecked")
    void scalesAreTheListedOnes() {
        Map<String, Object> init = Json.readObject(TrainingFixture.file("disc_init.json"));
        assertEquals(TrainingFixture.DISC_SEED, ((Number) init.get("seed")).longValue());
        try (NDManager m = NDManager.newBaseManager();
             DiscriminatorFamily d = MultiScaleStftDiscriminator.create(m,
                     MultiScaleStftConfig.official(), f -> { })) {
            // the roles come from the state dict alone; any family's rows exercise the rule's table
            List<DiscriminatorTensors.Spec> specs = DiscriminatorTensors.describe(d.stateDict());
            List<Map<String, Object>> rows = ((Map<String, List<Map<String, Object>>>) init.get("tensors"))
                    .get("mstftd");
            for (int i = 0; i < specs.size(); i++) {
                float[] ab = ClosedFormWeights.scale(specs.get(i).role(), specs.get(i).fanIn());
                Map<String, Object> row = rows.get(i);
                if (ab == null) {
                    assertTrue(row.containsKey("rule"), specs.get(i).key());
                    continue;
                }
                assertEquals(((Number) row.get("a")).floatValue(), ab[0], 0f, specs.get(i).key() + " a");
                assertEquals(((Number) row.get("b")).floatValue(), ab[1], 0f, specs.get(i).key() + " b");
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void checkHashes(DiscriminatorFamily d) {
        Map<String, Object> init = Json.readObject(TrainingFixture.file("disc_init.json"));
        List<Map<String, Object>> rows = ((Map<String, List<Map<String, Object>>>) init.get("tensors"))
                .get(d.family());
        Map<String, NDArray> own = d.stateDict();
        assertEquals(rows.stream().map(r -> (String) r.get("key")).toList(), new ArrayList<>(own.keySet()),
                d.family() + ": official keys in official order");
        List<String> bad = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            String key = (String) row.get("key");
            NDArray a = own.get(key);
            long[] shape = ((List<Number>) row.get("shape")).stream().mapToLong(Number::longValue).toArray();
            assertArrayEquals(shape, a.getShape().getShape(), key);
            if (!TrainingFixture.sha256(a.toFloatArray()).equals(row.get("sha256_f32le"))) {
                bad.add(key);
            }
        }
        assertEquals(List.of(), bad, d.family() + ": tensors whose SHA-256 differs");
    }

    private static void checkSampled(DiscriminatorFamily d, String file, String manifestName) {
        float[] expected = TrainingFixture.npy(file).toFloatArray();
        Map<String, NDArray> own = d.stateDict();
        int checked = 0;
        for (Map<String, Object> t : TrainingFixture.sampledTensors("after_step1", manifestName)) {
            String key = (String) t.get("key");
            int offset = ((Number) t.get("offset")).intValue();
            int count = ((Number) t.get("count")).intValue();
            float[] all = own.get(key).toFloatArray();
            long[] idx = all.length <= TrainingFixture.STATE_FULL_MAX
                    ? TrainingFixture.sampleIndex(all.length, all.length)
                    : TrainingFixture.sampleIndex(all.length, TrainingFixture.STATE_SAMPLES);
            assertEquals(count, idx.length, key);
            assertArrayEquals(Arrays.copyOfRange(expected, offset, offset + count), TrainingFixture.gather(all, idx),
                    key);
            checked += count;
        }
        assertEquals(expected.length, checked, "every sampled value checked");
    }

    private static long parameterCount(DiscriminatorFamily d) {
        return d.block().namedParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
    }
}
