package io.voxtok.nn.profile;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.voxtok.nn.Layer;
import io.voxtok.nn.ParameterLoader;
import io.voxtok.nn.backend.PyTorchBackend;
import io.voxtok.nn.quantization.ResidualVectorQuantizer;
import io.voxtok.nn.seanet.SeanetActivation;
import io.voxtok.nn.seanet.SeanetConfig;
import io.voxtok.nn.seanet.SeanetDecoder;
import io.voxtok.nn.seanet.SeanetEncoder;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * FLOP counts of a small SpeechTokenizer-style SEANet (4 filters, latent 8, ratios [4, 2], one bidirectional LSTM
 * layer) checked against values computed by hand, and the analytic output shapes against running the layers.
 */
class BlockCostsTest {
    private static final SeanetConfig CFG = SeanetConfig.speechTokenizer(4, 8, new int[] {4, 2}, 1, true, 2, 3, 1,
            SeanetActivation.ELU);

    private static ParameterLoader loader(NDManager m) {
        return ParameterLoader.initializing(m, "test", (key, shape) -> {
            float[] v = new float[Math.toIntExact(Arrays.stream(shape).reduce(1, (a, b) -> a * b))];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) Math.sin(i * 0.37 + key.length()) * 0.1f;
            }
            return v;
        });
    }

    /**
     * Encoder on 80 samples, by hand (2 FLOPs per multiply-add): conv k7 1->4: 2*1*4*7*80 = 4480; resblock 4 at
     * L 80: k3 4->2 3840 + 1x1 2->4 1280 + shortcut 4->4 2560 = 7680; conv k4 s2 4->8 to 40 frames: 2*4*8*4*40 =
     * 10240; resblock 8 at L 40: 7680 + 2560 + 5120 = 15360; conv k8 s4 8->16 to 10 frames: 2*8*16*8*10 = 20480;
     * BiLSTM H 16: 2 directions * 2 * 10 steps * 64 * (16 + 16) = 81920; conv k7 32->8: 2*32*8*7*10 = 35840.
     */
    @Test
    void encoderBlocksCostWhatTheyComputeByHand() {
        try (NDManager m = PyTorchBackend.newManager(ai.djl.Device.cpu())) {
            SeanetEncoder enc = SeanetEncoder.load(loader(m), "encoder.model.", CFG);
            List<BlockCost> costs = BlockCosts.of(enc.model(), new long[] {1, 1, 80});
            double[] expected = {4480, 7680, 0, 10240, 15360, 0, 20480, 81920, 0, 35840};
            assertEquals(expected.length, costs.size());
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], costs.get(i).flops(), 0.0, costs.get(i).name());
            }
            assertEquals(176000, costs.stream().mapToDouble(BlockCost::flops).sum(), 0.0);
            assertTrue(costs.get(3).name().startsWith("3 conv k4 s2 4->8"), costs.get(3).name());
            assertTrue(costs.get(7).name().startsWith("7 BiLSTM 1x16"), costs.get(7).name());
            assertEquals(List.of(new LstmOp(10, 1, 16, 16, true)), costs.get(7).ops());
            assertEquals(List.of(1L, 32L, 10L), costs.get(7).outputShape());
        }
    }

    /**
     * Decoder from 10 frames of 8, by hand: conv k7 8->16: 2*8*16*7*10 = 17920; LSTM H 16: 2*10*64*32 = 40960;
     * convtr k8 s4 16->8: 2*16*8*8*10 = 20480 (run as a polyphase conv1d 16->32 with 2 taps over 11 frames:
     * 2*16*32*2*11 = 22528); resblock 8 at L 40: 15360; convtr k4 s2 8->4: 2*8*4*4*40 = 10240; resblock 4 at L 80:
     * 7680; conv k7 4->1: 2*4*1*7*80 = 4480.
     */
    @Test
    void decoderBlocksCostWhatTheyComputeByHand() {
        try (NDManager m = PyTorchBackend.newManager(ai.djl.Device.cpu())) {
            SeanetDecoder dec = SeanetDecoder.load(loader(m), "decoder.model.", CFG);
            List<BlockCost> costs = BlockCosts.of(dec.model(), new long[] {1, 8, 10});
            double[] expected = {17920, 40960, 0, 20480, 15360, 0, 10240, 7680, 0, 4480};
            assertEquals(expected.length, costs.size());
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], costs.get(i).flops(), 0.0, costs.get(i).name());
            }
            assertEquals(List.of(new Conv1dOp(1, 16, 32, 2, 1, 1, 11)), costs.get(3).ops());
            assertEquals(22528, costs.get(3).opFlops(), 0.0);
            assertEquals(List.of(1L, 1L, 80L), costs.get(9).outputShape());
        }
    }

    /**
     * A frozen encoder lists the primitives that run: its wide strided convolution (k16 s8 64->128, 8 x 64 = 512
     * stacked channels) as the polyphase stride-1 conv1d 512->128 with 2 taps, and each residual block's two 1x1
     * convolutions as one 96->64; the FLOPs are the same as unfrozen, and the shapes still match running the layers.
     */
    @Test
    void aFrozenEncoderListsThePolyphaseAndMergedForms() {
        SeanetConfig wide = SeanetConfig.speechTokenizer(64, 8, new int[] {8}, 1, true, 2, 3, 1, SeanetActivation.ELU);
        try (NDManager m = PyTorchBackend.newManager(ai.djl.Device.cpu())) {
            SeanetEncoder enc = SeanetEncoder.load(loader(m), "encoder.model.", wide);
            long[] in = {1, 1, 800};
            List<BlockCost> plain = BlockCosts.of(enc.model(), in);
            assertEquals(List.of(new Conv1dOp(1, 64, 128, 16, 8, 1, 100)), plain.get(3).ops());
            assertEquals(3, plain.get(1).ops().size());
            enc.freezeForInference();
            List<BlockCost> frozen = BlockCosts.of(enc.model(), in);
            assertEquals(List.of(new Conv1dOp(1, 512, 128, 2, 1, 1, 100)), frozen.get(3).ops());
            assertEquals(List.of(new Conv1dOp(1, 64, 32, 3, 1, 1, 800), new Conv1dOp(1, 96, 64, 1, 1, 1, 800)),
                    frozen.get(1).ops());
            assertTrue(frozen.get(1).name().endsWith("merged"), frozen.get(1).name());
            for (int i = 0; i < plain.size(); i++) {
                assertEquals(plain.get(i).flops(), frozen.get(i).flops(), 0.0, plain.get(i).name());
                assertEquals(plain.get(i).flops(), plain.get(i).opFlops(), 1e-9 * plain.get(i).flops(),
                        plain.get(i).name());
                assertEquals(frozen.get(i).flops(), frozen.get(i).opFlops(), 1e-9 * frozen.get(i).flops(),
                        frozen.get(i).name());
            }
            checkShapes(m, enc.model().layers(), frozen);
        }
    }

    /** Output shapes follow the layers' own length rules: run every layer and compare, on an odd length. */
    @Test
    void analyticShapesMatchTheLayersOutputs() {
        try (NDManager m = PyTorchBackend.newManager(ai.djl.Device.cpu())) {
            SeanetEncoder enc = SeanetEncoder.load(loader(m), "encoder.model.", CFG);
            SeanetDecoder dec = SeanetDecoder.load(loader(m), "decoder.model.", CFG);
            checkShapes(m, enc.model().layers(), BlockCosts.of(enc.model(), new long[] {1, 1, 83}));
            checkShapes(m, dec.model().layers(), BlockCosts.of(dec.model(), new long[] {1, 8, 11}));
        }
    }

    private static void checkShapes(NDManager m, List<Layer> layers, List<BlockCost> costs) {
        long[] in = BlockCosts.toArray(costs.get(0).inputShape());
        NDArray x = m.randomUniform(-0.5f, 0.5f, new Shape(in));
        for (int i = 0; i < layers.size(); i++) {
            x = layers.get(i).forward(x);
            assertEquals(costs.get(i).outputShape(), Arrays.stream(x.getShape().getShape()).boxed().toList(),
                    costs.get(i).name());
        }
    }

    /** RVQ encode: one (frames, dim) x (dim, bins) product per codebook, 3 x 2*10*8*16 = 7680; decode counts none. */
    @Test
    void quantizerCostsOneDistanceProductPerCodebook() {
        try (NDManager m = PyTorchBackend.newManager(ai.djl.Device.cpu())) {
            ResidualVectorQuantizer rvq = ResidualVectorQuantizer.load(loader(m), "quantizer.", 4, 16, 8);
            BlockCost enc = BlockCosts.quantizerEncode(rvq, new long[] {1, 8, 10}, 3);
            assertEquals(7680, enc.flops(), 0.0);
            assertEquals(List.of(new MatmulOp(10, 8, 16), new MatmulOp(10, 8, 16), new MatmulOp(10, 8, 16)), enc.ops());
            assertEquals(List.of(3L, 1L, 10L), enc.outputShape());
            BlockCost dec = BlockCosts.quantizerDecode(rvq, new long[] {3, 1, 10});
            assertEquals(0, dec.flops(), 0.0);
            assertEquals(List.of(1L, 8L, 10L), dec.outputShape());
        }
    }

    /** The primitives' own counts: conv 2*B*Cin*Cout*k*Lout, matmul 2mkn, LSTM dirs*2*T*B*4H*(in+H). */
    @Test
    void primitiveFlopsByHand() {
        Conv1dOp c = new Conv1dOp(2, 3, 5, 7, 2, 1, 11);
        assertEquals(2.0 * 2 * 3 * 5 * 7 * 11, c.flops(), 0.0);
        assertEquals(27, c.inputLength(), "(11 - 1) * 2 + 6 + 1");
        assertEquals(2.0 * 3 * 4 * 5, new MatmulOp(3, 4, 5).flops(), 0.0);
        LstmOp l = new LstmOp(500, 1, 1024, 1024, true);
        assertEquals(16_777_216_000.0, l.flops(), 0.0, "2 * 2 * 500 * 4096 * 2048");
        assertEquals(new MatmulOp(500, 1024, 4096), l.inputProjection());
        assertEquals(new MatmulOp(1, 1024, 4096), l.recurrentStep());
    }
}
