package io.voxtok.api.token;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Frames and decoded lengths of segmented and unsegmented specs, with EnCodec 48 kHz's geometry (windows of 48 000
 * samples every 47 520, hop 320) worked out by hand, and the SPI 1.0 constructor still giving an unsegmented spec.
 */
class SegmentationTest {
    private static final Segmentation ENCODEC_48K = new Segmentation(48000, 47520);
    private static final TokenizerSpec PLAIN = new TokenizerSpec(48000, 2, 320, 4, 1024, 0, false, false);
    private static final TokenizerSpec SEGMENTED = PLAIN.withSegmentation(ENCODEC_48K);

    @Test
    void theSpi10ConstructorGivesAnUnsegmentedSpecWithTheOldLengths() {
        assertEquals(Optional.empty(), PLAIN.segmentation());
        assertEquals(PLAIN, new TokenizerSpec(48000, 2, 320, 4, 1024, 0, false, false, Optional.empty()));
        assertEquals(566, PLAIN.framesFor(180961), "ceil(180 961 / 320)");
        assertEquals(566 * 320, PLAIN.decodedSamplesFor(180961));
        assertEquals(0, PLAIN.framesFor(0));
        assertTrue(!PLAIN.equals(SEGMENTED));
    }

    @Test
    void windowsAndFramesFollowTheOfficialSegmentation() {
        assertEquals(480, ENCODEC_48K.overlap());
        assertArrayEquals(new int[] {}, ENCODEC_48K.windowFrames(0, 320));
        assertArrayEquals(new int[] {106}, ENCODEC_48K.windowFrames(33601, 320));
        assertArrayEquals(new int[] {150, 150, 49}, ENCODEC_48K.windowFrames(110401, 320));
        assertArrayEquals(new int[] {150, 150, 150, 121}, ENCODEC_48K.windowFrames(180961, 320));
        assertArrayEquals(new int[] {149, 1}, ENCODEC_48K.windowFrames(47677, 320));
        assertEquals(2, ENCODEC_48K.windowsFor(48000), "exactly 1 s is two windows");
        assertEquals(571, SEGMENTED.framesFor(180961), "the issue's 3.77 s: 571 frames, not 566");
        assertEquals(11, ENCODEC_48K.windowsFor(480000));
        assertEquals(1515, SEGMENTED.framesFor(480000), "10 s: 10 x 150 + 15");
    }

    @Test
    void decodedLengthIsTheEndOfTheFurthestReachingWindow() {
        assertEquals(181280, SEGMENTED.decodedSamplesFor(180961), "not 571 x 320 = 182 720");
        assertEquals(110720, SEGMENTED.decodedSamplesFor(110401));
        assertEquals(33920, SEGMENTED.decodedSamplesFor(33601), "one window: frames x hop");
        assertEquals(47840, SEGMENTED.decodedSamplesFor(47677));
        assertEquals(480000, SEGMENTED.decodedSamplesFor(480000));
        // L mod 47 520 in 161..320: the window before the last one (150 frames) ends 160 samples after it
        assertEquals(48000, SEGMENTED.decodedSamplesFor(47681));
        assertEquals(48000, SEGMENTED.decodedSamplesFor(47840));
        assertEquals(47520 + 48000, SEGMENTED.decodedSamplesFor(2 * 47520 + 200));
        assertEquals(47520 + 320, SEGMENTED.decodedSamplesFor(47680), "the last window reaches furthest again");
        assertEquals(47520 + 640, SEGMENTED.decodedSamplesFor(47841));
        for (int n = 1; n < 3 * 47520; n += 997) {
            int d = SEGMENTED.decodedSamplesFor(n);
            assertTrue(d >= n && d < n + 320, n + " samples decode to " + d);
        }
    }

    @Test
    void badGeometryIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Segmentation(100, 101));
        assertThrows(IllegalArgumentException.class, () -> new Segmentation(100, 0));
        assertThrows(IllegalArgumentException.class, () -> new Segmentation(0, 0));
        assertThrows(IllegalArgumentException.class, () -> ENCODEC_48K.windowFrames(-1, 320));
        assertThrows(NullPointerException.class,
                () -> new TokenizerSpec(48000, 2, 320, 4, 1024, 0, false, false, null));
    }
}
