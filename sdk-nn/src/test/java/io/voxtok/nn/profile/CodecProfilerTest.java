package io.voxtok.nn.profile;

import ai.djl.ndarray.NDManager;
import io.voxtok.nn.ParameterLoader;
import io.voxtok.nn.backend.PyTorchBackend;
import io.voxtok.nn.quantization.ResidualVectorQuantizer;
import io.voxtok.nn.seanet.SeanetActivation;
import io.voxtok.nn.seanet.SeanetConfig;
import io.voxtok.nn.seanet.SeanetDecoder;
import io.voxtok.nn.seanet.SeanetEncoder;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The profiler's passes: every block timed, blocks named and in order, totals kept; no timing is asserted. */
class CodecProfilerTest {
    @Test
    void profilesEveryBlockOfEncodeAndDecode() {
        SeanetConfig cfg = SeanetConfig.speechTokenizer(4, 8, new int[] {4, 2}, 1, true, 2, 3, 1, SeanetActivation.ELU);
        try (NDManager m = PyTorchBackend.newManager(ai.djl.Device.cpu())) {
            ParameterLoader loader = ParameterLoader.initializing(m, "test", (key, shape) -> {
                float[] v = new float[Math.toIntExact(Arrays.stream(shape).reduce(1, (a, b) -> a * b))];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) Math.cos(i * 0.11 + key.length()) * 0.2f;
                }
                return v;
            });
            SeanetEncoder enc = SeanetEncoder.load(loader, "encoder.model.", cfg);
            SeanetDecoder dec = SeanetDecoder.load(loader, "decoder.model.", cfg);
            ResidualVectorQuantizer rvq = ResidualVectorQuantizer.load(loader, "quantizer.", 4, 16, 8);
            CodecProfiler p = new CodecProfiler(enc.model(), rvq, dec.model(), 8, 800);
            float[] audio = new float[163];
            for (int i = 0; i < audio.length; i++) {
                audio[i] = (float) Math.sin(i * 0.3) * 0.5f;
            }
            TokenizerProfile r = p.profile(m, new float[][] {audio}, 3, 1, 2);
            assertEquals(163 / 800.0, r.audioSeconds(), 1e-12);
            assertEquals(3, r.codebooks());
            assertEquals(1 + 10 + 2, r.encode().size(), "input, 10 encoder layers, RVQ, codes");
            assertEquals(2 + 10 + 1, r.decode().size(), "codes, RVQ look-up, 10 decoder layers, audio");
            assertTrue(r.encode().get(1).cost().name().startsWith("encoder.0 conv k7 1->4"));
            assertEquals(java.util.List.of(3L, 1L, 21L), r.encode().get(11).cost().outputShape(), "ceil(163 / 8)");
            assertEquals(java.util.List.of(1L, 1L, 168L), r.decode().get(11).cost().outputShape(), "21 * 8");
            for (BlockTiming t : r.encode()) {
                assertEquals(2, t.seconds().size());
                assertEquals(2, t.cpuSeconds().size());
                assertTrue(t.median() >= 0);
            }
            assertEquals(2, r.encodeCpu().size());
            assertEquals(2, r.encodeTotal().size());
            assertEquals(2, r.decodeTotal().size());
        }
    }
}
