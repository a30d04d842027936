package io.voxtok.metrics.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.data.PhoneAlignment;
import io.voxtok.data.PhoneSegment;
import io.voxtok.metrics.Pnmi;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PhonePurityTest {
    private static double pnmi(Pnmi p) {
        return p.metrics().stream().filter(m -> m.name().equals("pnmi")).findFirst().orElseThrow().value();
    }

    @Test
    void codesEqualToPhonesArePerfectlyPure() {
        String[] inventory = {"a", "b", "c", "d"};
        Random r = new Random(1);
        int n = 2000;
        int[] codes = new int[n];
        String[] phones = new String[n];
        for (int t = 0; t < n; t++) {
            codes[t] = r.nextInt(inventory.length);
            phones[t] = inventory[codes[t]];
        }
        PhonePurity p = new PhonePurity(8).add(codes, phones);
        assertEquals(1.0, p.phonePurity(), 1e-12);
        assertEquals(1.0, p.codePurity(), 1e-12);
        assertEquals(1.0, pnmi(new Pnmi(8).add(codes, phones)), 1e-9);
    }

    @Test
    void codesIndependentOfPhonesHaveNearZeroPnmi() {
        String[] inventory = {"a", "b", "c", "d", "e", "f", "g", "h"};
        Random r = new Random(7);
        int n = 50_000;
        int[] codes = new int[n];
        String[] phones = new String[n];
        for (int t = 0; t < n; t++) {
            codes[t] = r.nextInt(16);
            phones[t] = inventory[r.nextInt(inventory.length)];
        }
        double v = pnmi(new Pnmi(16).add(codes, phones));
        assertTrue(v >= 0 && v < 0.01, "PNMI " + v);
        // With 8 equally likely phones a code can only be "right" about 1/8 of the time, plus sampling noise.
        assertTrue(new PhonePurity(16).add(codes, phones).phonePurity() < 0.15);
    }

    @Test
    void handComputedPurities() {
        // code 0: a,a,b -> best 2; code 1: b,b,c -> best 2; phone purity 4/6.
        // a -> code 0 (2); b -> code 1 (2); c -> code 1 (1); code purity 5/6. Null frames do not count.
        int[] codes = {0, 0, 0, 1, 1, 1, 1};
        String[] phones = {"a", "a", "b", "b", "b", "c", null};
        PhonePurity p = new PhonePurity(4).add(codes, phones);
        assertEquals(6, p.frames());
        assertEquals(4.0 / 6, p.phonePurity(), 1e-12);
        assertEquals(5.0 / 6, p.codePurity(), 1e-12);
        List<PhonePurity.TopCode> top = p.topCodes();
        assertEquals(new PhonePurity.TopCode("a", 0, 2, 2), top.get(0));
        assertEquals(new PhonePurity.TopCode("b", 1, 2, 3), top.get(1));
        assertEquals(new PhonePurity.TopCode("c", 1, 1, 1), top.get(2));
    }

    @Test
    void framesAreLabelledByThePhoneAtTheirCentre() {
        PhoneAlignment a = new PhoneAlignment(List.of(new PhoneSegment("pau", 0, 0.03),
                new PhoneSegment("a", 0.03, 0.07), new PhoneSegment("b", 0.07, 0.1)));
        // 50 frames/s: centres 0.01, 0.03, 0.05, 0.07, 0.09, 0.11 (past the end: unlabelled).
        assertArrayEquals(new String[] {"pau", "a", "a", "b", "b", null}, a.frameLabels(50, 6));
    }

    @Test
    void layerGroupsParse() {
        assertEquals(new LayerGroup(1, 1), LayerGroup.parse("1"));
        assertEquals(new LayerGroup(2, 8), LayerGroup.parse("2:8"));
        assertEquals("RVQ-2..8", LayerGroup.parse("2:8").label());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> LayerGroup.parse("3:1"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> LayerGroup.parse("x"));
    }
}
