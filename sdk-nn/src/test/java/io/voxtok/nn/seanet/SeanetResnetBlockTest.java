package io.voxtok.nn.seanet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.voxtok.nn.activation.Elu;
import io.voxtok.nn.backend.PyTorchBackend;
import io.voxtok.nn.conv.PaddingMode;
import io.voxtok.nn.conv.StreamableConv1d;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The frozen block (the two final 1x1 convolutions merged into one) against the block as the official module runs it. */
class SeanetResnetBlockTest {

    @ParameterizedTest(name = "dim {0}, dilation {1}, causal {2}, bias {3}")
    @CsvSource({"8, 1, false, true", "6, 3, false, true", "8, 2, true, true", "4, 1, false, false"})
    void frozenEqualsUnfrozenUpToRounding(int dim, int dilation, boolean causal, boolean withBias) {
        try (NDManager m = PyTorchBackend.newManager(ai.djl.Device.cpu())) {
            m.getEngine().setRandomSeed(5);
            int hidden = dim / 2;
            SeanetResnetBlock[] blocks = new SeanetResnetBlock[2];
            NDArray w1 = m.randomNormal(new Shape(hidden, dim, 3));
            NDArray w2 = m.randomNormal(new Shape(dim, hidden, 1));
            NDArray ws = m.randomNormal(new Shape(dim, dim, 1));
            NDArray b1 = m.randomNormal(new Shape(hidden));
            NDArray b2 = m.randomNormal(new Shape(dim));
            NDArray bs = m.randomNormal(new Shape(dim));
            for (int i = 0; i < 2; i++) {
                Elu act = new Elu(1f);
                blocks[i] = new SeanetResnetBlock(act,
                        new StreamableConv1d(w1.duplicate(), b1.duplicate(), 1, dilation, 1, causal, PaddingMode.REFLECT),
                        act,
                        new StreamableConv1d(w2.duplicate(), withBias ? b2.duplicate() : null, 1, 1, 1, causal,
                                PaddingMode.REFLECT),
                        new StreamableConv1d(ws.duplicate(), withBias ? bs.duplicate() : null, 1, 1, 1, causal,
                                PaddingMode.REFLECT));
            }
            blocks[1].freezeForInference();
            NDArray x = m.randomNormal(new Shape(2, dim, 37));
            NDArray expected = blocks[0].forward(x, false);
            NDArray actual = blocks[1].forward(x, false);
            assertArrayEquals(expected.getShape().getShape(), actual.getShape().getShape());
            float[] e = expected.toFloatArray();
            float[] a = actual.toFloatArray();
            for (int i = 0; i < e.length; i++) {
                assertTrue(Math.abs(e[i] - a[i]) <= 1e-5 * (1 + Math.abs(e[i])), "element " + i + ": " + a[i] + " vs " + e[i]);
            }
            assertThrows(IllegalStateException.class, () -> blocks[1].forward(x, true));
        }
    }
}
