package io.voxtok.plugin.phoneteacher.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class MelWarpTest {
    @Test
    void identityWithoutWarpAndInterpolationWithIt() {
        float[] w = new float[16];
        MelWarp.fill(w, 0, 4, 1.0);
        assertArrayEquals(new float[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1}, w);
        // alpha 1.5: rows read positions 0, 1.5, 3 and 4.5 (clamped to 3)
        float[] v = new float[16];
        MelWarp.fill(v, 0, 4, 1.5);
        assertArrayEquals(new float[] {1, 0, 0, 0, 0, 0.5f, 0.5f, 0, 0, 0, 0, 1, 0, 0, 0, 1}, v);
    }
}
