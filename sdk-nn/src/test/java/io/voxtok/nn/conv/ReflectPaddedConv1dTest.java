package io.voxtok.nn.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.voxtok.nn.backend.PyTorchBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The convolution with its edges recomputed against the convolution of the explicitly reflect-padded input. */
class ReflectPaddedConv1dTest {

    @ParameterizedTest(name = "in {0}, out {1}, kernel {2}, dilation {3}, batch {4}, length {5}")
    @CsvSource({"4, 3, 3, 1, 2, 9", "4, 3, 3, 1, 1, 3", "3, 5, 7, 1, 2, 40", "2, 2, 3, 3, 1, 7", "6, 4, 5, 2, 3, 33"})
    void equalsConvolutionOfThePaddedCopy(int in, int out, int kernel, int dilation, int batch, int length) {
        int pad = (kernel - 1) * dilation / 2;
        try (NDManager m = PyTorchBackend.newManager(ai.djl.Device.cpu())) {
            m.getEngine().setRandomSeed(9);
            NDArray x = m.randomNormal(new Shape(batch, in, length));
            NDArray w = m.randomNormal(new Shape(out, in, kernel));
            NDArray b = m.randomNormal(new Shape(out));
            assertTrue(ReflectPaddedConv1d.fits(length, pad, pad));
            NDArray padded = Padding1d.pad(x, pad, pad, PaddingMode.REFLECT);
            NDArray expected = padded.getNDArrayInternal().convolution(padded, w, b, new Shape(1), new Shape(0),
                    new Shape(dilation), 1).singletonOrThrow();
            NDArray y = ReflectPaddedConv1d.forward(x, w, b, pad, dilation);
            assertArrayEquals(expected.getShape().getShape(), y.getShape().getShape());
            float[] e = expected.toFloatArray();
            float[] a = y.toFloatArray();
            for (int i = 0; i < e.length; i++) {
                assertTrue(Math.abs(e[i] - a[i]) <= 1e-5 * (1 + Math.abs(e[i])), "element " + i + ": " + a[i] + " vs " + e[i]);
            }
        }
    }

    @Test
    void fitsOnlySymmetricPaddingOfInputsLongerThanBothEnds() {
        assertTrue(ReflectPaddedConv1d.fits(3, 1, 1));
        assertFalse(ReflectPaddedConv1d.fits(2, 1, 1));
        assertFalse(ReflectPaddedConv1d.fits(100, 3, 2));
        assertFalse(ReflectPaddedConv1d.fits(100, 0, 0));
    }
}
