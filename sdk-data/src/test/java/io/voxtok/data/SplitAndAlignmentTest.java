package io.voxtok.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Deterministic split assignment and frame labels of alignments. */
class SplitAndAlignmentTest {
    @Test
    void splitAssignmentIsDeterministicAndProportional() {
        SplitAssigner a = SplitAssigner.bySpeaker(0.1, 0.2);
        Map<Split, Integer> counts = new EnumMap<>(Split.class);
        for (int i = 0; i < 10000; i++) {
            counts.merge(a.splitOf("spk" + i), 1, Integer::sum);
        }
        assertEquals(1000, counts.get(Split.DEV), 120);
        assertEquals(2000, counts.get(Split.TEST), 150);
        // Fixed values: SHA-256 based, identical on every machine and run.
        assertEquals(SplitAssigner.bySpeaker(0.1, 0.2).splitOf("p225"), a.splitOf("p225"));
        double u = SplitAssigner.unitHash("speaker\u0000p225");
        assertTrue(u >= 0 && u < 1);
        assertThrows(IllegalArgumentException.class, () -> SplitAssigner.bySpeaker(0.5, 0.5));
    }

    @Test
    void frameLabelsTakeThePhoneAtEachFrameCentre() {
        PhoneAlignment al = PhoneAlignment.fromEndTimes(List.of("pau", "a", "b"), new double[] {0.03, 0.05, 0.1});
        // 50 Hz: centres at 0.01, 0.03, 0.05, 0.07, 0.09, 0.11
        assertArrayEquals(new String[] {"pau", "a", "b", "b", "b", null}, al.frameLabels(50, 6));
        assertThrows(IllegalArgumentException.class, () -> new PhoneAlignment(List.of(
                new PhoneSegment("a", 0, 0.2), new PhoneSegment("b", 0.1, 0.3))));
        assertThrows(IllegalArgumentException.class, () -> new PhoneSegment("a", 0.2, 0.2));
    }
}
