package io.voxtok.nn.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.voxtok.nn.Ref;
import io.voxtok.nn.backend.PyTorchBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Polyphase transposed convolution and SEANet trimming against {@code F.conv_transpose1d} (PyTorch 1.13). */
class ConvTranspose1dTest {

    @ParameterizedTest(name = "stride {0}, kernel {1}")
    @CsvSource({"2,4", "4,8", "5,10", "8,16", "3,7", "4,3", "1,3"})
    void fullOutputMatchesPyTorch(int stride, int kernel) {
        String tag = "convtr_s" + stride + "_k" + kernel;
        try (NDManager m = PyTorchBackend.newManager(ai.djl.Device.cpu())) {
            ConvTranspose1d conv = new ConvTranspose1d(m, Ref.nd(m, tag + "_w"), Ref.nd(m, tag + "_b"), stride);
            NDArray y = conv.forward(Ref.nd(m, tag + "_x"));
            Ref.assertClose(Ref.tensor(tag + "_full"), y, 1e-5, tag + " full");
        }
    }

    @ParameterizedTest(name = "stride {0}, kernel {1}")
    @CsvSource({"2,4", "4,8", "5,10", "8,16", "3,7", "1,3"})
    void streamableTrimmingMatchesSpec(int stride, int kernel) {
        String tag = "convtr_s" + stride + "_k" + kernel;
        try (NDManager m = PyTorchBackend.newManager(ai.djl.Device.cpu())) {
            ConvTranspose1d conv = new ConvTranspose1d(m, Ref.nd(m, tag + "_w"), Ref.nd(m, tag + "_b"), stride);
            NDArray x = Ref.nd(m, tag + "_x");
            Ref.assertClose(Ref.tensor(tag + "_noncausal"),
                    new StreamableConvTranspose1d(conv, false, 1.0).forward(x), 1e-5, tag + " non-causal");
            Ref.assertClose(Ref.tensor(tag + "_causal"),
                    new StreamableConvTranspose1d(conv, true, 1.0).forward(x), 1e-5, tag + " causal");
        }
    }

    @Test
    void trimAmountsOfSpecTable() {
        // SPEC 1.2: s=5 -> left 3, right 2; s=8 -> 4/4; s=4 -> 2/2; s=2 -> 1/1; causal: all s on the right
        assertEquals(3, ConvGeometry.transposedTrim(10, 5, false, 1.0)[0]);
        assertEquals(2, ConvGeometry.transposedTrim(10, 5, false, 1.0)[1]);
        assertEquals(4, ConvGeometry.transposedTrim(16, 8, false, 1.0)[0]);
        assertEquals(1, ConvGeometry.transposedTrim(4, 2, false, 1.0)[1]);
        assertEquals(0, ConvGeometry.transposedTrim(10, 5, true, 1.0)[0]);
        assertEquals(5, ConvGeometry.transposedTrim(10, 5, true, 1.0)[1]);
    }

    @Test
    void rejectsKernelShorterThanStrideForTrimming() {
        try (NDManager m = PyTorchBackend.newManager(ai.djl.Device.cpu())) {
            ConvTranspose1d conv = new ConvTranspose1d(m, Ref.nd(m, "convtr_s4_k3_w"), null, 4);
            assertThrows(IllegalArgumentException.class, () -> new StreamableConvTranspose1d(conv, false, 1.0));
        }
    }
}
