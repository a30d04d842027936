package io.voxtok.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.voxtok.modelio.NpyFile;
import io.voxtok.modelio.Tensor;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

/** Reference arrays written by {@code src/test/python/gen_nn_reference.py} (PyTorch 1.13) and comparisons. */
public final class Ref {
    private Ref() {
    }

    /** Reads {@code reference/<name>.npy} from the test resources. */
    public static Tensor tensor(String name) {
        URL url = Ref.class.getResource("/reference/" + name + ".npy");
        assertNotNull(url, "missing test resource reference/" + name + ".npy");
        try {
            return NpyFile.read(Path.of(url.toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The reference as a float32 NDArray on {@code m}. */
    public static NDArray nd(NDManager m, String name) {
        return NdArrays.toFloat32(m, tensor(name));
    }

    /** The reference as an int64 NDArray on {@code m}. */
    public static NDArray ndLong(NDManager m, String name) {
        Tensor t = tensor(name);
        return m.create(t.toLongArray(), new Shape(t.shape()));
    }

    /** Asserts equal shapes and {@code max |a - e| <= atol}. */
    public static void assertClose(Tensor expected, NDArray actual, double atol, String what) {
        assertArrayEquals(expected.shape(), actual.getShape().getShape(), what + ": shape");
        assertClose(expected.toFloatArray(), actual.toFloatArray(), atol, what);
    }

    /** Asserts {@code max |a - e| <= atol} element-wise. */
    public static void assertClose(float[] expected, float[] actual, double atol, String what) {
        if (expected.length != actual.length) {
            fail(what + ": " + actual.length + " values, expected " + expected.length);
        }
        double max = 0;
        int at = -1;
        for (int i = 0; i < expected.length; i++) {
            double d = Math.abs((double) expected[i] - actual[i]);
            if (!(d <= max)) {
                max = d;
                at = i;
            }
        }
        if (!(max <= atol)) {
            fail(what + ": max |diff| " + max + " > " + atol + " at flat index " + at + " (expected "
                    + expected[at] + ", got " + actual[at] + ")");
        }
    }

    /** Asserts identical integer arrays (shape and values). */
    public static void assertExact(Tensor expected, NDArray actual, String what) {
        assertArrayEquals(expected.shape(), actual.getShape().getShape(), what + ": shape");
        long[] e = expected.toLongArray();
        long[] a = actual.toLongArray();
        if (!Arrays.equals(e, a)) {
            int diff = 0;
            for (int i = 0; i < e.length; i++) {
                diff += e[i] != a[i] ? 1 : 0;
            }
            fail(what + ": " + diff + " of " + e.length + " values differ");
        }
    }
}
