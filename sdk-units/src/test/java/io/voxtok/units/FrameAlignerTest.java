package io.voxtok.units;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.voxtok.api.VoxtokException;
import io.voxtok.api.teacher.FeatureSequence;
import org.junit.jupiter.api.Test;

class FrameAlignerTest {
    @Test
    void hubertConvStackMatchesClosedForm() {
        for (long l = 0; l < 40_000; l++) {
            long want = l < 400 ? 0 : (l - 400) / 320 + 1;
            assertEquals(want, FrameAligner.hubertFrames(l), "L=" + l);
        }
        assertEquals(49, FrameAligner.hubertFrames(16_000));
        // the fixture utterances (manifest shapes)
        assertEquals(99, FrameAligner.hubertFrames(31_999));
        assertEquals(107, FrameAligner.hubertFrames(34_399));
        assertEquals(114, FrameAligner.hubertFrames(36_799));
        assertEquals(149, FrameAligner.hubertFrames(48_000));
    }

    @Test
    void speechTokenizerFramesAreCeilOfHop() {
        // SPEC 9.2: 15 999 / 16 000 / 16 001 / 16 160 / 16 321 samples -> 50 / 50 / 51 / 51 / 52 frames
        assertEquals(50, FrameAligner.speechTokenizerFrames(15_999));
        assertEquals(50, FrameAligner.speechTokenizerFrames(16_000));
        assertEquals(51, FrameAligner.speechTokenizerFrames(16_001));
        assertEquals(51, FrameAligner.speechTokenizerFrames(16_160));
        assertEquals(52, FrameAligner.speechTokenizerFrames(16_321));
    }

    @Test
    void padsByRepeatingTheLastFrameAndTruncatesAtTheEnd() {
        FeatureSequence f = FeatureSequence.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2, 50);
        FeatureSequence longer = FrameAligner.align(f, 5);
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 5, 6, 5, 6}, longer.toArray());
        assertEquals(50, longer.frameRate());
        assertArrayEquals(new float[] {1, 2, 3, 4}, FrameAligner.align(f, 2).toArray());
        assertSame(f, FrameAligner.align(f, 3));
        assertEquals(0, FrameAligner.align(f, 0).frames());
    }

    @Test
    void cannotPadAnEmptySequence() {
        FeatureSequence empty = FeatureSequence.of(new float[0], 0, 4, 50);
        assertThrows(VoxtokException.class, () -> FrameAligner.align(empty, 2));
    }
}
