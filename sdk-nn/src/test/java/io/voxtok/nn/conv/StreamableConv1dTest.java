package io.voxtok.nn.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.voxtok.nn.Ref;
import io.voxtok.nn.backend.PyTorchBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * SEANet streamable convolution against {@code F.pad} + {@code F.conv1d} in PyTorch 1.13 with the padding
 * amounts of SPEC 1.1, including the short-input reflect guard, causal and zero padding.
 */
class StreamableConv1dTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "k7_len50, 1, 1, false, REFLECT",
        "k4s2_len51, 2, 1, false, REFLECT",
        "k10s5_len53, 5, 1, false, REFLECT",
        "k16s8_len37, 8, 1, false, REFLECT",
        "k3d2_len20, 1, 2, false, REFLECT",
        "k7_len2_short, 1, 1, false, REFLECT",
        "k16s8_len3_short, 8, 1, false, REFLECT",
        "k7_len3_causal, 1, 1, true, REFLECT",
        "k10s5_len53_causal, 5, 1, true, REFLECT",
        "k8s4_len30_zero, 4, 1, false, ZERO"})
    void matchesPyTorchPlainAndFrozen(String name, int stride, int dilation, boolean causal, PaddingMode mode) {
        String tag = "sconv_" + name;
        try (NDManager m = PyTorchBackend.newManager(ai.djl.Device.cpu())) {
            StreamableConv1d conv = new StreamableConv1d(Ref.nd(m, tag + "_w"), Ref.nd(m, tag + "_b"), stride,
                    dilation, 1, causal, mode);
            NDArray y = conv.forward(Ref.nd(m, tag + "_x"));
            Ref.assertClose(Ref.tensor(tag + "_y"), y, 1e-5, tag);
            // frozen, the layer may take another form (polyphase, reflect padding without the copy)
            conv.freezeForInference();
            Ref.assertClose(Ref.tensor(tag + "_y"), conv.forward(Ref.nd(m, tag + "_x")), 1e-5, tag + " frozen");
        }
    }

    @Test
    void paddingAmountsOfSpecTable() {
        // SPEC 1.1 table, length 16000 (multiple of every stride: E = 0)
        assertArrayEquals(new int[] {3, 3}, ConvGeometry.convPadding(16000, 7, 1, 1, false));
        assertArrayEquals(new int[] {1, 1}, ConvGeometry.convPadding(16000, 4, 2, 1, false));
        assertArrayEquals(new int[] {2, 2}, ConvGeometry.convPadding(16000, 8, 4, 1, false));
        assertArrayEquals(new int[] {3, 2}, ConvGeometry.convPadding(16000, 10, 5, 1, false));
        assertArrayEquals(new int[] {4, 4}, ConvGeometry.convPadding(16000, 16, 8, 1, false));
        assertArrayEquals(new int[] {6, 0}, ConvGeometry.convPadding(16000, 7, 1, 1, true));
        assertArrayEquals(new int[] {8, 0}, ConvGeometry.convPadding(16000, 16, 8, 1, true));
        // k = 2s: E = (s - L mod s) mod s
        for (int s : new int[] {2, 4, 5, 8}) {
            for (int len = 1; len < 40; len++) {
                assertEquals((s - len % s) % s, ConvGeometry.extraPadding(len, 2 * s, s, 1), "s=" + s + " L=" + len);
            }
        }
        assertEquals(0, ConvGeometry.extraPadding(21, 3, 1, 2));
    }

    @Test
    void reflectGuardOnVeryShortInput() {
        // L = 1 <= max pad 3: zero-extend by 3, reflect, cut 3 -> [0 0 0 | x | 0 0 0]
        try (NDManager m = PyTorchBackend.newManager(ai.djl.Device.cpu())) {
            NDArray x = m.create(new float[] {5f}, new ai.djl.ndarray.types.Shape(1, 1, 1));
            assertArrayEquals(new float[] {0, 0, 0, 5, 0, 0, 0},
                    Padding1d.pad(x, 3, 3, PaddingMode.REFLECT).toFloatArray());
            NDArray y = m.create(new float[] {1, 2, 3}, new ai.djl.ndarray.types.Shape(1, 1, 3));
            assertArrayEquals(new float[] {3, 2, 1, 2, 3, 2}, Padding1d.pad(y, 2, 1, PaddingMode.REFLECT).toFloatArray());
        }
    }
}
