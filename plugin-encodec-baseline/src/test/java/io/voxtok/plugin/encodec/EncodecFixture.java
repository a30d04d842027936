package io.voxtok.plugin.encodec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.voxtok.modelio.NpyFile;
import io.voxtok.modelio.Tensor;
import io.voxtok.nn.config.JsonConfig;
import io.voxtok.nn.config.JsonConfigReader;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The shared EnCodec parity fixture ({@code fixtures/parity/encodec}: official 24 kHz architecture, reduced size,
 * outputs of the official code) and helpers to read it. Fails, never skips, when the fixture is missing.
 */
public final class EncodecFixture {
    private EncodecFixture() {
    }

    /** The fixture directory. */
    public static Path dir() {
        String shared = System.getProperty("voxtok.shared");
        assertTrue(shared != null, "system property voxtok.shared is not set (surefire sets it)");
        Path dir = Path.of(shared, "fixtures", "parity", "encodec");
        assertTrue(Files.isRegularFile(dir.resolve("model.pt")), "EnCodec parity fixture missing at " + dir);
        return dir;
    }

    /** The manifest. */
    public static JsonConfig manifest() {
        return JsonConfigReader.read(dir().resolve("manifest.json"));
    }

    /** The manifest entry of an expected file, e.g. {@code expected/utt1_codes_bw6.0.npy}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> entry(String file) {
        for (Object o : (List<Object>) manifest().raw("expected").orElseThrow()) {
            Map<String, Object> e = (Map<String, Object>) o;
            if (file.equals(e.get("file"))) {
                return e;
            }
        }
        return fail("no manifest entry for " + file);
    }

    /** The suggested absolute tolerance of a float entry. */
    @SuppressWarnings("unchecked")
    public static double atol(String file) {
        Map<String, Object> tol = (Map<String, Object>) entry(file).get("tolerance");
        return ((BigDecimal) tol.get("suggested_atol")).doubleValue();
    }

    /** Fragile positions {@code [item, layer, frame]} of a codes entry. */
    @SuppressWarnings("unchecked")
    public static List<int[]> fragile(String file) {
        List<int[]> out = new ArrayList<>();
        Object f = entry(file).get("fragile_positions");
        for (Object o : (List<Object>) f) {
            List<Object> idx = (List<Object>) ((Map<String, Object>) o).get("index");
            out.add(new int[] {((BigDecimal) idx.get(0)).intValue(), ((BigDecimal) idx.get(1)).intValue(),
                ((BigDecimal) idx.get(2)).intValue()});
        }
        return out;
    }

    /** An expected array. */
    public static Tensor expected(String name) {
        return NpyFile.read(dir().resolve("expected").resolve(name));
    }

    /** Samples of a fixture wav as the manifest's input rule says: {@code int16 / 32768}. */
    public static float[] wav(String name) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(dir().resolve(name));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int pos = 12;
        while (pos + 8 <= bytes.length) {
            String id = new String(bytes, pos, 4, java.nio.charset.StandardCharsets.US_ASCII);
            int size = b.getInt(pos + 4);
            if (id.equals("fmt ")) {
                assertEquals(1, b.getShort(pos + 8), "PCM format");
                assertEquals(1, b.getShort(pos + 10), "mono");
                assertEquals(16, b.getShort(pos + 22), "16-bit");
            } else if (id.equals("data")) {
                float[] out = new float[size / 2];
                for (int i = 0; i < out.length; i++) {
                    out[i] = b.getShort(pos + 8 + 2 * i) / 32768.0f;
                }
                return out;
            }
            pos += 8 + size + (size & 1);
        }
        return fail("no data chunk in " + name);
    }

    /**
     * Asserts codes equal the official ones except where the manifest allows a legitimate float32 difference: at a
     * fragile {@code (layer k, frame t)}, layers {@code >= k} of frame {@code t} are unconstrained.
     *
     * @param expected official codes, flat {@code (1, K, T)}
     * @param actual   codes {@code [K][T]}
     */
    public static void assertCodes(String file, long[] expected, int[][] actual) {
        int k = actual.length;
        int t = actual[0].length;
        assertEquals(expected.length, (long) k * t, file + ": number of codes");
        boolean[][] free = new boolean[k][t];
        for (int[] f : fragile(file)) {
            for (int l = f[1]; l < k; l++) {
                free[l][f[2]] = true;
            }
        }
        int mismatches = 0;
        String first = null;
        for (int l = 0; l < k; l++) {
            for (int j = 0; j < t; j++) {
                if (!free[l][j] && expected[l * t + j] != actual[l][j]) {
                    mismatches++;
                    if (first == null) {
                        first = "layer " + l + " frame " + j + ": expected " + expected[l * t + j] + ", got "
                                + actual[l][j];
                    }
                }
            }
        }
        assertEquals(0, mismatches, file + ": " + mismatches + " codes differ from the official ones, first at "
                + first);
    }

    /** Max |a - b| over flat arrays of equal length. */
    public static double maxAbsDiff(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, "length");
        double m = 0;
        for (int i = 0; i < expected.length; i++) {
            m = Math.max(m, Math.abs(expected[i] - actual[i]));
        }
        return m;
    }

    /** Row-major flattening. */
    public static float[] flat(float[][] rows) {
        int n = rows[0].length;
        float[] out = new float[rows.length * n];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, out, r * n, n);
        }
        return out;
    }
}
