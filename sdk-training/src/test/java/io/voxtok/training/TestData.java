package io.voxtok.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.voxtok.modelio.Json;
import io.voxtok.modelio.NpyFile;
import io.voxtok.modelio.Tensor;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Test inputs: small references written by {@code src/test/python/gen_training_reference.py} (PyTorch 1.13) under
 * {@code reference/}, and the shared training parity fixture ({@code voxtok.shared}/fixtures/parity/training).
 */
public final class TestData {
    private TestData() {
    }

    /** A file of the test resources' {@code reference/} folder. */
    public static Path reference(String relative) {
        URL url = TestData.class.getResource("/reference/" + relative);
        assertNotNull(url, "missing test resource reference/" + relative);
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code reference/<name>.npy}. */
    public static Tensor ref(String name) {
        return NpyFile.read(reference(name + ".npy"));
    }

    /** {@code reference/<name>.json} as a map. */
    public static Map<String, Object> refJson(String name) {
        return Json.readObject(reference(name + ".json"));
    }

    /** The training parity fixture folder. */
    public static Path fixture() {
        String shared = System.getProperty("voxtok.shared", "/work/shared");
        Path dir = Path.of(shared, "fixtures", "parity", "training");
        assertTrue(Files.isDirectory(dir), "training fixture not found at " + dir);
        return dir;
    }

    /** An array of the fixture. */
    public static Tensor fixtureTensor(String relative) {
        return NpyFile.read(fixture().resolve(relative));
    }

    /** A tensor as a float32 NDArray. */
    public static NDArray nd(NDManager m, Tensor t) {
        return m.create(t.toFloatArray(), new Shape(t.shape()));
    }

    /** A float32 NDArray of {@code reference/<name>.npy}. */
    public static NDArray refNd(NDManager m, String name) {
        return nd(m, ref(name));
    }

    /** A number of a parsed JSON object by path of keys. */
    @SuppressWarnings("unchecked")
    public static double number(Map<String, Object> json, String... keys) {
        Object o = json;
        for (String k : keys) {
            o = ((Map<String, Object>) o).get(k);
            assertNotNull(o, "missing key " + k);
        }
        return ((Number) o).doubleValue();
    }

    /** Asserts {@code |actual - expected| <= atol} with a readable message. */
    public static void assertNear(double expected, double actual, double atol, String what) {
        double d = Math.abs(actual - expected);
        if (!(d <= atol)) {
            fail(what + ": got " + actual + ", expected " + expected + " (|diff| " + d + " > " + atol + ")");
        }
    }

    /** Max |a - e| over equally long arrays. */
    public static double maxAbsDiff(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, "length");
        double max = 0;
        for (int i = 0; i < expected.length; i++) {
            max = Math.max(max, Math.abs((double) expected[i] - actual[i]));
        }
        return max;
    }

    /** Max |e| of an array. */
    public static double maxAbs(float[] a) {
        double max = 0;
        for (float v : a) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    /** ||a - e|| / ||e||. */
    public static double relL2(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, "length");
        double num = 0;
        double den = 0;
        for (int i = 0; i < expected.length; i++) {
            double d = (double) actual[i] - expected[i];
            num += d * d;
            den += (double) expected[i] * expected[i];
        }
        return Math.sqrt(num / den);
    }
}
