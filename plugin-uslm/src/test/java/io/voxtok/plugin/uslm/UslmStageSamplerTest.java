package io.voxtok.plugin.uslm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.voxtok.plugin.uslm.training.PythonRandomStageSampler;
import io.voxtok.plugin.uslm.training.StageSampler;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The NAR stage draw reproduces Python's {@code random.Random(seed).choices} as recorded in the manifest. */
class UslmStageSamplerTest {
    private static final int[] STAGES = {2, 3, 4, 5, 6, 7};

    @SuppressWarnings("unchecked")
    @Test
    void aFreshSamplerDrawsTheOfficialSequence() {
        Map<String, Object> control = (Map<String, Object>) UslmFixture.manifest().get("nar_stage_control");
        List<Object> expected = (List<Object>) control.get("fresh_model_draw_sequence");
        StageSampler s = StageSampler.official();
        for (Object e : expected) {
            assertEquals(((Number) e).intValue(), s.choose(STAGES));
        }
        Map<String, Object> seeds = (Map<String, Object>) control.get("rng_seed_for_k");
        seeds.forEach((k, seed) -> assertEquals(Integer.parseInt(k),
                new PythonRandomStageSampler(((Number) seed).longValue()).choose(STAGES), "seed " + seed));
    }

    @Test
    void aFixedSamplerRefusesAStageOutsideThePopulation() {
        assertEquals(4, StageSampler.fixed(4).choose(STAGES));
        assertThrows(IllegalArgumentException.class, () -> StageSampler.fixed(1).choose(STAGES));
    }
}
