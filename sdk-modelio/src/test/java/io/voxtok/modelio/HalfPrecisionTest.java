package io.voxtok.modelio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HalfPrecisionTest {
    @Test
    void knownBitPatterns() {
        // values and their IEEE binary16 encodings
        assertEquals((short) 0x3c00, HalfPrecision.toHalf(1f));
        assertEquals((short) 0xc000, HalfPrecision.toHalf(-2f));
        assertEquals((short) 0x7bff, HalfPrecision.toHalf(65504f));
        assertEquals((short) 0x7c00, HalfPrecision.toHalf(70000f));
        assertEquals((short) 0x0001, HalfPrecision.toHalf(0x1p-24f));
        assertEquals((short) 0x0400, HalfPrecision.toHalf(0x1p-14f));
        assertEquals((short) 0x3555, HalfPrecision.toHalf(1f / 3f));
        // 1 + 2^-11 is halfway between 1 and the next half (1 + 2^-10): ties go to the even mantissa (1)
        assertEquals((short) 0x3c00, HalfPrecision.toHalf(1f + 0x1p-11f));
        assertEquals((short) 0x3c02, HalfPrecision.toHalf(1f + 3 * 0x1p-11f));
        assertTrue(Float.isNaN(Tensor.halfToFloat(HalfPrecision.toHalf(Float.NaN))));
    }

    @Test
    void roundTripErrorIsWithinHalfAnUlp() {
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 100_000; i++) {
            float f = (float) ((r.nextDouble() * 2 - 1) * Math.pow(2, r.nextInt(-12, 12)));
            float back = Tensor.halfToFloat(HalfPrecision.toHalf(f));
            assertTrue(Math.abs(back - f) <= Math.abs(f) * 0x1p-11f + 0x1p-25f, f + " -> " + back);
        }
    }

    @Test
    void tensorsOfOtherTypesAreKept() {
        Tensor longs = Tensor.ofLongs(new long[] {1, 2}, 2);
        assertEquals(longs, HalfPrecision.toHalf(longs));
        Tensor h = HalfPrecision.toHalf(Tensor.ofFloats(new float[] {0.5f, -0.25f}, 2));
        assertEquals(DType.FLOAT16, h.dtype());
        assertEquals(0.5f, h.toFloatArray()[0]);
        assertEquals(-0.25f, h.toFloatArray()[1]);
    }
}
