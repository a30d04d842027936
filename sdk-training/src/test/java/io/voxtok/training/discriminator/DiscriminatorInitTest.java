package io.voxtok.training.discriminator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.voxtok.api.VoxtokException;
import io.voxtok.modelio.StateDict;
import io.voxtok.modelio.Tensor;
import io.voxtok.nn.conv.WeightNorm;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Initialisers, state-dict loading, widths and spectral-norm state, on small discriminators. */
class DiscriminatorInitTest {
    /** Kaiming-uniform bounds, weight_g = ||v|| (the effective weight starts as v), unit power-iteration vectors. */
    @Test
    void pytorchDefaultInitialisation() {
        try (NDManager m = NDManager.newBaseManager();
             DiscriminatorFamily msd = MultiScaleDiscriminator.create(m, MultiScaleConfig.official()
                     .withWidthDivisor(8), DiscriminatorInit.pytorchDefault(11))) {
            Map<String, NDArray> sd = msd.stateDict();
            for (DiscriminatorTensors.Spec s : DiscriminatorTensors.describe(sd)) {
                float[] v = sd.get(s.key()).toFloatArray();
                switch (s.role()) {
                    case WEIGHT, WEIGHT_V, WEIGHT_ORIG, BIAS -> {
                        double bound = 1 / Math.sqrt(s.fanIn());
                        double sumSq = 0;
                        for (float f : v) {
                            assertTrue(Math.abs(f) <= bound, s.key());
                            sumSq += (double) f * f;
                        }
                        if (v.length >= 4096) {
                            // U(-b, b) has standard deviation b / sqrt(3)
                            double std = Math.sqrt(sumSq / v.length);
                            assertEquals(bound / Math.sqrt(3), std, 0.05 * bound, s.key() + " std");
                        }
                    }
                    case WEIGHT_G -> {
                        NDArray g = sd.get(s.key());
                        NDArray direction = sd.get(s.prefix() + "weight_v");
                        float[] folded = WeightNorm.fold(g, direction, 0).toFloatArray();
                        float[] raw = direction.toFloatArray();
                        assertTrue(TrainingFixture.maxAbsDiff(raw, folded) < 1e-6, s.key() + ": fold(g, v) == v");
                    }
                    case SN_U, SN_V -> assertEquals(1.0, norm(v), 1e-5, s.key() + " is a unit vector");
                    default -> { }
                }
            }
        }
    }

    @Test
    void initialisationIsSeeded() {
        try (NDManager m = NDManager.newBaseManager();
             DiscriminatorFamily a = small(m, 5);
             DiscriminatorFamily b = small(m, 5);
             DiscriminatorFamily c = small(m, 6)) {
            String key = "discriminators.1.convs.2.weight_v";
            assertArrayEquals(a.stateDict().get(key).toFloatArray(), b.stateDict().get(key).toFloatArray());
            assertFalse(java.util.Arrays.equals(a.stateDict().get(key).toFloatArray(),
                    c.stateDict().get(key).toFloatArray()));
        }
    }

    /** A snapshot loads into another instance; every mismatch is reported by name and changes nothing. */
    @Test
    void stateDictRoundTripAndMismatchReport() {
        try (NDManager m = NDManager.newBaseManager();
             DiscriminatorFamily source = small(m, 1);
             DiscriminatorFamily target = small(m, 2)) {
            StateDict snapshot = source.snapshot();
            NDArray param = target.block().namedParameters().get("discriminators.1.convs.0.weight_v").getArray();
            param.setRequiresGradient(true);
            String probe = "discriminators.1.convs.0.weight_v";
            float[] before = target.stateDict().get(probe).toFloatArray();

            Map<String, Tensor> broken = new LinkedHashMap<>();
            snapshot.keys().forEach(k -> broken.put(k, snapshot.get(k)));
            broken.remove("discriminators.1.convs.3.bias");
            broken.put("discriminators.9.convs.0.weight", Tensor.ofFloats(new float[1], 1));
            broken.put("discriminators.2.conv_post.weight_g", Tensor.ofFloats(new float[2], 2, 1, 1));
            VoxtokException e = assertThrows(VoxtokException.class,
                    () -> target.loadStateDict(StateDict.of(broken, null)));
            assertTrue(e.getMessage().contains("missing 1: discriminators.1.convs.3.bias"), e.getMessage());
            assertTrue(e.getMessage().contains("unexpected 1: discriminators.9.convs.0.weight"), e.getMessage());
            assertTrue(e.getMessage().contains("discriminators.2.conv_post.weight_g is [2, 1, 1], expected "
                    + "[1, 1, 1]"), e.getMessage());
            assertArrayEquals(before, target.stateDict().get(probe).toFloatArray(), "nothing loaded");

            target.loadStateDict(snapshot);
            for (Map.Entry<String, NDArray> en : source.stateDict().entrySet()) {
                assertArrayEquals(en.getValue().toFloatArray(), target.stateDict().get(en.getKey()).toFloatArray(),
                        en.getKey());
            }
            assertSame(param, target.block().namedParameters().get(probe).getArray(), "same parameter object");
            assertTrue(param.hasGradient(), "still requires gradients");
        }
    }

    /** Training mode runs one power iteration per call, in place; eval mode none. */
    @Test
    void spectralNormStateAdvancesOnlyInTraining() {
        try (NDManager m = NDManager.newBaseManager();
             MultiScaleDiscriminator d = MultiScaleDiscriminator.create(m, new MultiScaleConfig(1, 8),
                     DiscriminatorInit.pytorchDefault(3))) {
            NDArray u = d.stateDict().get("discriminators.0.convs.3.weight_u");
            NDArray x = m.randomUniform(-0.5f, 0.5f, new Shape(2, 1, 4000));
            float[] u0 = u.toFloatArray();
            d.forward(x, false);
            assertArrayEquals(u0, u.toFloatArray(), "eval mode: no power iteration");
            d.forward(x, true);
            float[] u1 = d.stateDict().get("discriminators.0.convs.3.weight_u").toFloatArray();
            assertNotEquals(java.util.Arrays.toString(u0), java.util.Arrays.toString(u1));
            assertSame(u, d.stateDict().get("discriminators.0.convs.3.weight_u"), "updated in place");
            assertArrayEquals(u1, u.toFloatArray());
            assertEquals(1.0, norm(u1), 1e-5);
        }
    }

    @Test
    void reducedWidthsKeepOfficialKeys() {
        try (NDManager m = NDManager.newBaseManager();
             DiscriminatorFamily mpd = MultiPeriodDiscriminator.create(m,
                     new MultiPeriodConfig(List.of(2, 3), 4), DiscriminatorInit.pytorchDefault(0));
             DiscriminatorFamily stft = MultiScaleStftDiscriminator.create(m, new MultiScaleStftConfig(8,
                     List.of(new StftScale(256, 64, 256))), DiscriminatorInit.pytorchDefault(0))) {
            assertEquals(List.of("mpd/p2", "mpd/p3"), mpd.names());
            assertArrayEquals(new long[] {256, 128, 5, 1},
                    mpd.stateDict().get("discriminators.1.convs.3.weight_v").getShape().getShape());
            assertArrayEquals(new long[] {8, 2, 3, 9},
                    stft.stateDict().get("discriminators.0.convs.0.conv.weight").getShape().getShape());
            NDArray x = m.randomUniform(-0.5f, 0.5f, new Shape(1, 1, 3000));
            var out = stft.forward(x);
            // frames 1 + (3000 - 256) / 64 = 43; bins 129 -> 65 -> 33 -> 17
            assertArrayEquals(new long[] {1, 43 * 17}, out.logits().get(0).getShape().getShape());
            assertEquals(5, out.featureMaps().get(0).size());
        }
        assertThrows(IllegalArgumentException.class, () -> MultiScaleConfig.official().withWidthDivisor(16));
        assertThrows(IllegalArgumentException.class, () -> MultiPeriodConfig.official().withWidthDivisor(3));
    }

    private static DiscriminatorFamily small(NDManager m, long seed) {
        return MultiScaleDiscriminator.create(m, new MultiScaleConfig(3, 8), DiscriminatorInit.pytorchDefault(seed));
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float f : v) {
            s += (double) f * f;
        }
        return Math.sqrt(s);
    }
}
