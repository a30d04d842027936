package io.voxtok.training.optim;

import io.voxtok.modelio.Json;
import io.voxtok.training.TestData;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exact equality with torch 1.13's CosineAnnealingLR values (fixture manifest and gen_training_reference.py). */
class CosineAnnealingScheduleTest {
    @Test
    @SuppressWarnings("unchecked")
    void fixtureLearningRatesExactly() {
        Map<String, Object> manifest = Json.readObject(TestData.fixture().resolve("manifest.json"));
        Map<String, Object> opt = (Map<String, Object>) manifest.get("optimizer");
        List<Number> expected = (List<Number>) opt.get("lr_per_step");
        assertEquals(List.of(9.938441702975689e-05, 9.755282581475769e-05, 9.45503262094184e-05),
                expected.stream().map(Number::doubleValue).toList());
        CosineAnnealingSchedule s = new CosineAnnealingSchedule(1e-4, ((Number) opt.get("T_max")).intValue(), 0.0);
        assertEquals(1e-4, s.lr());
        s.step(); // once before the first batch, as the trainer does
        for (Number e : expected) {
            assertEquals(e.doubleValue(), s.lr(), "bit-exact lr"); // the rate batch k trains with
            s.step();
        }
    }

    /**
     * Bit-exact until the first epoch whose cosine glibc (torch's Python {@code math.cos}) does not round correctly
     * (recorded by the reference script; none for "fixture" and "short", epoch 1302 first for "long"); the recursion
     * carries that ulp on, so afterwards the values agree to 1e-15 relative.
     */
    @ParameterizedTest
    @ValueSource(strings = {"fixture", "short", "long"})
    @SuppressWarnings("unchecked")
    void torchSequences(String name) {
        Map<String, Object> c = (Map<String, Object>) ((Map<String, Object>) TestData.refJson("optim/schedules")
                .get("cosine")).get(name);
        List<String> lrs = (List<String>) c.get("lr");
        List<Number> notRounded = (List<Number>) c.get("glibc_cos_not_correctly_rounded_at_epochs");
        int exactUntil = notRounded.isEmpty() ? lrs.size() : notRounded.get(0).intValue();
        CosineAnnealingSchedule s = new CosineAnnealingSchedule(((Number) c.get("base")).doubleValue(),
                ((Number) c.get("T_max")).intValue(), ((Number) c.get("eta_min")).doubleValue());
        assertEquals(Double.parseDouble(lrs.get(0)), s.lr());
        double worst = 0;
        for (int i = 1; i < lrs.size(); i++) {
            double expected = Double.parseDouble(lrs.get(i));
            double got = s.step();
            if (i < exactUntil) {
                assertEquals(expected, got, name + " step " + i);
            } else {
                worst = Math.max(worst, Math.abs(got - expected) / Math.abs(expected));
            }
        }
        System.out.printf("cosine %s: bit-exact for %d of %d steps, then max rel diff %.3g%n", name,
                Math.min(exactUntil, lrs.size()) - 1, lrs.size() - 1, worst);
        assertTrue(worst <= 1e-15, "relative diff " + worst);
    }

    @Test
    void linearWarmupThenCosine() {
        CosineAnnealingSchedule s = new CosineAnnealingSchedule(1e-3, 10, 0.0, 4, 1e-5);
        CosineAnnealingSchedule plain = new CosineAnnealingSchedule(1e-3, 10, 0.0);
        // trainer order: step() before batch 1, then after every batch; batches 1..4 warm up
        for (int batch = 0; batch < 4; batch++) {
            assertEquals(1e-5 + (1e-3 - 1e-5) * batch / 4, s.step());
            assertEquals(0, s.lastEpoch());
        }
        for (int k = 0; k < 15; k++) {
            assertEquals(plain.step(), s.step());
        }
    }

    @Test
    void restoreContinuesExactly() {
        CosineAnnealingSchedule a = new CosineAnnealingSchedule(2e-4, 7, 1e-6, 2, 0.0);
        for (int i = 0; i < 5; i++) {
            a.step();
        }
        CosineAnnealingSchedule b = new CosineAnnealingSchedule(2e-4, 7, 1e-6, 2, 0.0);
        b.restore(a.state());
        for (int i = 0; i < 30; i++) {
            assertEquals(a.step(), b.step());
        }
        assertEquals(a.state(), b.state());
    }
}
