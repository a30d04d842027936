package io.voxtok.plugin.phoneteacher.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.VoxtokException;
import io.voxtok.data.PhoneAlignment;
import io.voxtok.data.PhoneSegment;
import io.voxtok.plugin.phoneteacher.model.PhoneTeacherConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameLabellerTest {
    // 16 kHz, hop 320: 20 ms frames whose centres lie at 10, 30, 50, 70, 90 ms
    private static final PhoneTeacherConfig CONFIG = new PhoneTeacherConfig(16_000, 320, 512, 400, 80, 256, 5, 3, 2,
            List.of("a", "b", "c"));
    // a [0, 30 ms), b [30, 50 ms), a gap [50, 60 ms), c [60, 100 ms)
    private static final PhoneAlignment ALIGNMENT = new PhoneAlignment(List.of(new PhoneSegment("a", 0.0, 0.03),
            new PhoneSegment("b", 0.03, 0.05), new PhoneSegment("c", 0.06, 0.1)));

    @Test
    void framesGetThePhoneCoveringTheirCentre() {
        // 10 ms -> a; 30 ms -> b (intervals are [start, end)); 50 ms -> gap; 70, 90 ms -> c
        int[] labels = new FrameLabeller(CONFIG).labels(ALIGNMENT, 0, 1600, 5, "test");
        assertArrayEquals(new int[] {0, 1, -1, 2, 2}, labels);
    }

    @Test
    void cropsShiftTheGridAndPaddingIsIgnored() {
        // a crop from sample 320 (20 ms): centres at 30, 50, 70 ms; only 640 real samples, so the third frame
        // (centre 800 samples into the crop) lies in the padding
        int[] labels = new FrameLabeller(CONFIG).labels(ALIGNMENT, 320, 640, 3, "test");
        assertArrayEquals(new int[] {1, -1, -1}, labels);
        // past the end of the alignment nothing is labelled
        assertArrayEquals(new int[] {2, -1}, new FrameLabeller(CONFIG).labels(ALIGNMENT, 1280, 640, 2, "test"));
    }

    @Test
    void aPhoneOutsideTheInventoryNamesTheFile() {
        PhoneAlignment odd = new PhoneAlignment(List.of(new PhoneSegment("zz", 0.0, 0.1)));
        VoxtokException e = assertThrows(VoxtokException.class,
                () -> new FrameLabeller(CONFIG).labels(odd, 0, 1600, 5, "item 'u1' (/x/u1.flac)"));
        assertTrue(e.getMessage().contains("/x/u1.flac") && e.getMessage().contains("'zz'"), e.getMessage());
    }
}
