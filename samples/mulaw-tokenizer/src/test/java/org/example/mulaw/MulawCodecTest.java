package org.example.mulaw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Checks {@link MulawCodec} against the G.711 mu-law closed form: values computed by numpy
 * ({@code src/test/python/gen_mulaw_reference.py}), hand-derivable special values, and the analytic error bound
 * of the companded 256-level quantiser.
 */
final class MulawCodecTest {
    /** 256^(1/255) - 1: the ratio between neighbouring reconstruction levels, minus one. */
    private static final double LEVEL_RATIO_MINUS_ONE = Math.pow(256, 1.0 / 255) - 1;

    @Test
    void matchesNumpyReference() throws IOException {
        int rows = 0;
        try (InputStream in = MulawCodecTest.class.getResourceAsStream("/mulaw-reference.tsv")) {
            assertTrue(in != null, "mulaw-reference.tsv missing from the test resources");
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t");
                float x = Float.parseFloat(f[0]);
                double compressed = Double.parseDouble(f[1]);
                int code = Integer.parseInt(f[2]);
                double decoded = Double.parseDouble(f[3]);
                assertEquals(compressed, MulawCodec.compress(x), 1e-14, "compress(" + x + ")");
                assertEquals(code, MulawCodec.encode(x), "encode(" + x + ")");
                float expected = (float) decoded;
                assertEquals(expected, MulawCodec.decode(code), Math.ulp(expected), "decode(" + code + ")");
                rows++;
            }
        }
        assertTrue(rows > 1000, "expected the whole reference table, read " + rows + " rows");
    }

    @Test
    void closedFormSpecialValues() {
        assertEquals(0.0, MulawCodec.compress(0.0));
        assertEquals(1.0, MulawCodec.compress(1.0), 1e-15);
        assertEquals(-1.0, MulawCodec.compress(-1.0), 1e-15);
        assertEquals(Math.log(128.5) / Math.log(256), MulawCodec.compress(0.5), 1e-15);
        assertEquals(128, MulawCodec.encode(0f));
        assertEquals(255, MulawCodec.encode(1f));
        assertEquals(0, MulawCodec.encode(-1f));
        assertEquals(1f, MulawCodec.decode(255));
        assertEquals(-1f, MulawCodec.decode(0));
        // Code 128 is the level just above zero: y = 1/255, x = (256^(1/255) - 1) / 255.
        assertEquals((float) (LEVEL_RATIO_MINUS_ONE / 255), MulawCodec.decode(128), 1e-12);
        assertEquals(0.5, MulawCodec.expand(MulawCodec.compress(0.5)), 1e-15);
    }

    @Test
    void outOfRangeSamplesSaturateAndNanIsRefused() {
        assertEquals(255, MulawCodec.encode(1.5f));
        assertEquals(0, MulawCodec.encode(-7f));
        assertEquals(255, MulawCodec.encode(Float.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> MulawCodec.encode(Float.NaN));
        assertThrows(IllegalArgumentException.class, () -> MulawCodec.decode(256));
        assertThrows(IllegalArgumentException.class, () -> MulawCodec.decode(-1));
    }

    @Test
    void codecIsOddSymmetric() {
        for (int c = 0; c < MulawCodec.LEVELS; c++) {
            assertEquals(-MulawCodec.decode(c), MulawCodec.decode(255 - c), "decode(255 - " + c + ")");
        }
        Random random = new Random(1);
        for (int i = 0; i < 100_000; i++) {
            float x = random.nextFloat() * 2 - 1;
            double level = (MulawCodec.compress(x) + 1) * 127.5 + 0.5;
            if (Math.abs(level - Math.rint(level)) < 1e-9) {
                continue; // exactly on a rounding boundary: either neighbour is correct
            }
            assertEquals(255 - MulawCodec.encode(x), MulawCodec.encode(-x), "encode(-" + x + ")");
        }
    }

    @Test
    void levelsAreMonotonicAndEveryCodeIsAFixedPoint() {
        for (int c = 0; c < MulawCodec.LEVELS; c++) {
            assertEquals(c, MulawCodec.encode(MulawCodec.decode(c)), "encode(decode(" + c + "))");
            if (c > 0) {
                assertTrue(MulawCodec.decode(c) > MulawCodec.decode(c - 1), "decode must increase at code " + c);
            }
        }
    }

    /**
     * With |y - y_hat| <= 1/255 and x = (256^|y| - 1)/255, the error is |256^y - 256^y_hat| / 255 <=
     * (|x| + 1/255)(256^(1/255) - 1). The largest error over [-1, 1], 1 - (256^(254/255) - 1)/255 = 0.0215954, is at
     * the lower edge of the top cell (y = 1 - 1/255), whose level is 1.
     */
    @Test
    void roundTripErrorRespectsTheAnalyticBound() {
        double worst = 1 - (Math.pow(256, 254.0 / 255) - 1) / 255;
        double maxError = 0;
        int steps = 2_000_000;
        for (int i = 0; i <= steps; i++) {
            float x = (float) (-1 + 2.0 * i / steps);
            double error = Math.abs(x - MulawCodec.decode(MulawCodec.encode(x)));
            double bound = (Math.abs(x) + 1.0 / 255) * LEVEL_RATIO_MINUS_ONE;
            // 1e-7 covers rounding the decoded value to float.
            if (error > bound + 1e-7) {
                throw new AssertionError("error " + error + " at x = " + x + " exceeds the bound " + bound);
            }
            maxError = Math.max(maxError, error);
        }
        assertTrue(maxError <= worst + 1e-7, "largest error " + maxError + " above the analytic maximum " + worst);
        assertTrue(maxError >= worst - 1e-5, "largest error " + maxError + " far below the analytic maximum " + worst
                + ": the grid should reach it");
        assertEquals(0.0215954158, worst, 1e-10); // value of the closed form, evaluated by numpy
    }
}
