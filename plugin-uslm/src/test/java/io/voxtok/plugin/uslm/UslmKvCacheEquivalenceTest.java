package io.voxtok.plugin.uslm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.voxtok.plugin.uslm.config.UslmConfig;
import io.voxtok.plugin.uslm.config.UslmOptions;
import io.voxtok.plugin.uslm.generation.ArGenerator;
import io.voxtok.plugin.uslm.generation.GenerationInput;
import io.voxtok.plugin.uslm.generation.GenerationOptions;
import io.voxtok.plugin.uslm.generation.GenerationResult;
import io.voxtok.plugin.uslm.generation.UslmGenerator;
import io.voxtok.plugin.uslm.model.UslmModel;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The KV-cached AR loop gives exactly the tokens of the official uncached loop: greedy and seeded sampling (top-k,
 * top-p, temperature), on a fixture model and on a random model with a longer text; plus sampler determinism.
 */
class UslmKvCacheEquivalenceTest {

    @Test
    void seededSamplingGivesIdenticalCodesCachedAndUncachedOnTheFixtureModel() {
        try (UslmModel m = UslmFixture.load("uslm")) {
            GenerationInput in = UslmInferenceParityTest.input("uslm", "eos");
            UslmGenerator g = new UslmGenerator(m.network());
            GenerationOptions sampled = new GenerationOptions(50, 0.9f, 0.8f, 1234, true, 20, false, false);
            GenerationResult cached = g.generate(in, sampled);
            GenerationResult uncached = g.generate(in, sampled.withKvCache(false));
            assertArrayEquals(cached.codes(), uncached.codes());
            assertEquals(cached.stopReason(), uncached.stopReason());
            GenerationResult again = g.generate(in, sampled);
            assertArrayEquals(cached.codes(), again.codes(), "same seed, same codes");
            GenerationResult otherSeed = g.generate(in, sampled.withSampling(50, 0.9f, 0.8f, 99));
            assertTrue(!java.util.Arrays.deepEquals(cached.codes(), otherSeed.codes()),
                    "another seed should sample other tokens");
        }
    }

    @Test
    void greedyAndSampledCodesAreIdenticalOnALongerRandomText() {
        UslmConfig cfg = UslmConfig.released("USLM", 64, 4, 2);
        try (UslmModel m = UslmModel.random(cfg, UslmOptions.official(), 7);
             NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
            Random r = new Random(3);
            long[] text = new long[80];
            text[0] = 1;
            text[text.length - 1] = 2;
            for (int i = 1; i < text.length - 1; i++) {
                text[i] = 3 + r.nextInt(509);
            }
            long[] prompt = new long[20];
            for (int i = 0; i < prompt.length; i++) {
                prompt[i] = r.nextInt(1024);
            }
            ArGenerator ar = new ArGenerator(m.network());
            for (GenerationOptions o : List.of(
                    new GenerationOptions(1, 1f, 1f, 0, true, 24, true, false),
                    new GenerationOptions(-100, 1f, 1f, 5, true, 24, true, false),
                    new GenerationOptions(20, 0.95f, 1.3f, 6, true, 24, true, false))) {
                ArGenerator.ArResult cached = ar.generateCached(manager, text, prompt, o);
                ArGenerator.ArResult uncached = ar.generateUncached(manager, text, prompt, o);
                assertEquals(24, cached.generated().length);
                assertArrayEquals(uncached.generated(), cached.generated(), "options " + o);
            }
            GenerationInput in = new GenerationInput(text, new long[][] {{1, 2, 3, 4, 5, 6, 7, 8}, {9, 8, 7, 6, 5, 4, 3, 2}}, -1);
            List<GenerationResult> batch = new UslmGenerator(m.network()).generateBatch(
                    List.of(in, new GenerationInput(new long[] {1, 40, 50, 2}, in.promptCodes(), -1)),
                    new GenerationOptions(-100, 1f, 1f, 11, true, 12, false, false));
            assertEquals(2, batch.size());
            for (GenerationResult b : batch) {
                assertTrue(b.frames() > 0 && b.frames() <= 12);
                assertEquals(8, b.codes()[0].length);
            }
        }
    }
}
