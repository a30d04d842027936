package io.voxtok.plugin.uslm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.voxtok.modelio.Json;
import io.voxtok.modelio.NpyFile;
import io.voxtok.modelio.Tensor;
import io.voxtok.plugin.uslm.config.UslmOptions;
import io.voxtok.plugin.uslm.model.UslmModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Shared test helpers: the USLM/VALL-E parity fixture folders, their arrays, tolerances and scalars. */
public final class UslmFixture {
    /** The two fixture folders. */
    public static final List<String> MODELS = List.of("uslm", "valle");
    private static Map<String, Object> manifest;

    private UslmFixture() {
    }

    /** The fixture set directory; fails (never skips) when missing. */
    public static Path root() {
        String shared = System.getProperty("voxtok.shared");
        assertTrue(shared != null, "system property voxtok.shared is not set (surefire sets it)");
        Path d = Path.of(shared, "fixtures", "parity", "uslm");
        assertTrue(Files.isDirectory(d), "missing fixture directory " + d);
        return d;
    }

    /** One model folder ({@code uslm} or {@code valle}). */
    public static Path dir(String model) {
        return root().resolve(model);
    }

    /** Loads a fixture model with the official behaviour. */
    public static UslmModel load(String model) {
        return UslmModel.load(dir(model), UslmOptions.official());
    }

    /** An input or expected array. */
    public static Tensor npy(String model, String rel) {
        return NpyFile.read(dir(model).resolve(rel + ".npy"));
    }

    /** An int64 input array on {@code m}. */
    public static NDArray longs(NDManager m, String model, String rel) {
        Tensor t = npy(model, rel);
        return m.create(t.toLongArray(), new Shape(t.shape()));
    }

    /** The manifest. */
    @SuppressWarnings("unchecked")
    public static synchronized Map<String, Object> manifest() {
        if (manifest == null) {
            manifest = Json.readObject(root().resolve("manifest.json"));
        }
        return manifest;
    }

    /** The manifest entry of an expected file ({@code "uslm/expected/x.npy"}). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> expectedEntry(String model, String name) {
        String file = model + "/expected/" + name + ".npy";
        for (Object o : (List<Object>) manifest().get("expected")) {
            Map<String, Object> e = (Map<String, Object>) o;
            if (file.equals(e.get("file"))) {
                return e;
            }
        }
        throw new AssertionError("no manifest entry for " + file);
    }

    /** The train case entry of the manifest. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> trainCase(String model, String name) {
        Map<String, Object> models = (Map<String, Object>) manifest().get("models");
        for (Object o : (List<Object>) ((Map<String, Object>) models.get(model)).get("train_cases")) {
            Map<String, Object> c = (Map<String, Object>) o;
            if (name.equals(c.get("case"))) {
                return c;
            }
        }
        throw new AssertionError("no train case " + name + " for " + model);
    }

    /** Compares an array with {@code expected/<name>.npy} using the manifest tolerance (exact for integers). */
    @SuppressWarnings("unchecked")
    public static void assertMatches(String model, String name, NDArray actual) {
        Tensor exp = npy(model, "expected/" + name);
        Map<String, Object> entry = expectedEntry(model, name);
        Map<String, Object> tol = (Map<String, Object>) entry.get("tolerance");
        assertArrayEquals(exp.shape(), actual.getShape().getShape(), model + " " + name + " shape");
        if ("exact".equals(tol.get("kind"))) {
            long[] a;
            try (NDArray l = actual.toType(DataType.INT64, false)) {
                a = l.toLongArray();
            }
            assertArrayEquals(exp.toLongArray(), a, model + " " + name);
        } else {
            double atol = ((Number) tol.get("suggested_atol")).doubleValue();
            assertClose(exp.toFloatArray(), actual.toType(DataType.FLOAT32, false).toFloatArray(), atol, model + " " + name);
        }
    }

    /** Asserts {@code max |a - b| <= atol}, reporting the worst element. */
    public static void assertClose(float[] expected, float[] actual, double atol, String what) {
        assertEquals(expected.length, actual.length, what + " size");
        double worst = 0;
        int at = -1;
        for (int i = 0; i < expected.length; i++) {
            double d = Math.abs((double) expected[i] - actual[i]);
            if (!(d <= worst)) {
                worst = d;
                at = i;
            }
        }
        assertTrue(worst <= atol, what + ": max |diff| " + worst + " > atol " + atol + " at flat index " + at
                + (at >= 0 ? " (expected " + expected[at] + ", got " + actual[at] + ")" : ""));
    }
}
