package io.voxtok.modelio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Locates test resources and shared fixtures, and compares tensors with Python-produced expectations. */
final class TestFiles {
    private TestFiles() {
    }

    /** A file under src/test/resources/io/voxtok/modelio. */
    static Path resource(String name) {
        URL url = TestFiles.class.getResource(name);
        assertTrue(url != null, "missing test resource " + name + " (run src/test/python/make_modelio_fixtures.py)");
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A file under the shared folder (System property voxtok.shared); fails when it is missing. */
    static Path shared(String relative) {
        String root = System.getProperty("voxtok.shared");
        assertTrue(root != null, "system property voxtok.shared is not set");
        Path p = Path.of(root, relative);
        assertTrue(Files.isRegularFile(p), "missing shared fixture " + p);
        return p;
    }

    /** Parses a JSON resource. */
    static Map<String, Object> json(String name) {
        return Json.readObject(resource(name));
    }

    /** Shape from a JSON list. */
    static long[] shape(Object list) {
        return ((List<?>) list).stream().mapToLong(v -> (Long) v).toArray();
    }

    /**
     * Asserts dtype, shape and exact values ({"dtype", "shape", "values"} as written by the generator; floats are
     * compared exactly because every dtype's values are exactly representable as doubles).
     */
    static void assertTensor(Map<?, ?> expected, Tensor actual, String label) {
        assertEquals(expected.get("dtype"), actual.dtype().name(), label + " dtype");
        assertArrayEquals(shape(expected.get("shape")), actual.shape(), label + " shape");
        List<?> values = (List<?>) expected.get("values");
        assertEquals(values.size(), actual.numel(), label + " numel");
        switch (actual.dtype()) {
            case FLOAT64 -> {
                ByteBuffer b = actual.data();
                for (int i = 0; i < values.size(); i++) {
                    assertEquals(((Number) values.get(i)).doubleValue(), b.getDouble(i * 8), label + "[" + i + "]");
                }
            }
            case FLOAT32, FLOAT16, BFLOAT16 -> {
                float[] f = actual.toFloatArray();
                for (int i = 0; i < values.size(); i++) {
                    assertEquals(((Number) values.get(i)).doubleValue(), f[i], label + "[" + i + "]");
                }
            }
            default -> {
                long[] l = actual.toLongArray();
                for (int i = 0; i < values.size(); i++) {
                    assertEquals(((Number) values.get(i)).longValue(), l[i], label + "[" + i + "]");
                }
            }
        }
    }
}
