package io.voxtok.nn.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.voxtok.nn.backend.PyTorchBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The polyphase form of a strided convolution against the engine's strided {@code conv1d} on the same data. */
class PolyphaseConv1dTest {

    @ParameterizedTest(name = "in {0}, out {1}, stride {2}, kernel {3}, batch {4}, length {5}")
    @CsvSource({
        "3, 5, 2, 4, 1, 40",
        "4, 6, 4, 8, 3, 64",
        "5, 7, 5, 10, 2, 55",
        "6, 4, 8, 16, 2, 48",
        "3, 2, 3, 3, 1, 30",
        "2, 3, 2, 6, 2, 20",
        "4, 4, 4, 8, 1, 8"})
    void equalsStridedConvolution(int in, int out, int stride, int kernel, int batch, int length) {
        try (NDManager m = PyTorchBackend.newManager(ai.djl.Device.cpu())) {
            m.getEngine().setRandomSeed(11);
            NDArray x = m.randomNormal(new Shape(batch, in, length));
            NDArray w = m.randomNormal(new Shape(out, in, kernel));
            NDArray b = m.randomNormal(new Shape(out));
            NDArray expected = x.getNDArrayInternal().convolution(x, w, b, new Shape(stride), new Shape(0),
                    new Shape(1), 1).singletonOrThrow();
            assertTrue(PolyphaseConv1d.fits(length, stride));
            NDArray y = PolyphaseConv1d.forward(x, PolyphaseConv1d.weight(w, stride), b, stride);
            assertArrayEquals(expected.getShape().getShape(), y.getShape().getShape());
            float[] e = expected.toFloatArray();
            float[] a = y.toFloatArray();
            for (int i = 0; i < e.length; i++) {
                // the same products summed in another order: float rounding only
                double tol = 1e-5 * (1 + Math.abs(e[i]));
                assertTrue(Math.abs(e[i] - a[i]) <= tol, "element " + i + ": " + a[i] + " vs " + e[i]);
            }
        }
    }

    @ParameterizedTest(name = "in {0}, stride {1}, length {2}, causal {3}")
    @CsvSource({"128, 4, 101, false", "128, 4, 101, true", "64, 8, 3, false", "103, 5, 77, false"})
    void frozenStreamableConvolutionUsesItAndMatchesTheStridedCall(int in, int stride, int length, boolean causal) {
        try (NDManager m = PyTorchBackend.newManager(ai.djl.Device.cpu())) {
            m.getEngine().setRandomSeed(3);
            NDArray w = m.randomNormal(new Shape(6, in, 2 * stride)).mul(0.1f);
            NDArray b = m.randomNormal(new Shape(6));
            StreamableConv1d direct = new StreamableConv1d(w.duplicate(), b.duplicate(), stride, 1, 1, causal,
                    PaddingMode.REFLECT);
            StreamableConv1d frozen = new StreamableConv1d(w.duplicate(), b.duplicate(), stride, 1, 1, causal,
                    PaddingMode.REFLECT);
            frozen.freezeForInference();
            assertTrue(PolyphaseConv1d.applies(in, 2 * stride, stride, 1, 1));
            NDArray x = m.randomNormal(new Shape(2, in, length));
            float[] e = direct.forward(x, false).toFloatArray();
            float[] a = frozen.forward(x, false).toFloatArray();
            assertEquals(e.length, a.length);
            for (int i = 0; i < e.length; i++) {
                assertTrue(Math.abs(e[i] - a[i]) <= 1e-5 * (1 + Math.abs(e[i])), "element " + i + ": " + a[i] + " vs " + e[i]);
            }
        }
    }

    @Test
    void appliesToWideConvolutionsWhoseKernelIsAMultipleOfTheStride() {
        assertTrue(PolyphaseConv1d.applies(256, 16, 8, 1, 1));
        assertTrue(PolyphaseConv1d.applies(256, 4, 2, 1, 1));
        assertFalse(PolyphaseConv1d.applies(32, 4, 2, 1, 1), "64 stacked channels: the copy costs more than it gains");
        assertFalse(PolyphaseConv1d.applies(512, 7, 1, 1, 1), "stride 1 gains nothing");
        assertFalse(PolyphaseConv1d.applies(512, 7, 2, 1, 1), "kernel not a multiple of the stride");
        assertFalse(PolyphaseConv1d.applies(512, 4, 2, 2, 1), "dilated");
        assertFalse(PolyphaseConv1d.applies(512, 4, 2, 1, 2), "grouped");
        assertTrue(PolyphaseConv1d.fits(120, 8));
        assertFalse(PolyphaseConv1d.fits(121, 8));
    }
}
