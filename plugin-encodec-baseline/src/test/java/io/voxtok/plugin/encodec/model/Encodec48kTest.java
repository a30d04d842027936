package io.voxtok.plugin.encodec.model;

import static io.voxtok.plugin.encodec.EncodecFixture.flat;
import static io.voxtok.plugin.encodec.EncodecFixture.maxAbsDiff;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.voxtok.modelio.NpyFile;
import io.voxtok.modelio.Tensor;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The 48 kHz code path (time_group_norm, non-causal, stereo, 1 s segments with 1 % overlap, per-segment loudness
 * scale, linear overlap-add) against {@code src/test/python/gen_encodec48_reference.py}: PyTorch's own modules on a
 * small random model of the 48 kHz layout, 1.05 s of stereo audio (two segments).
 */
class Encodec48kTest {
    @Test
    void segmentedStereoModelMatchesPyTorchReference() {
        Path dir = resource("encodec48");
        try (EncodecModel model = EncodecModel.load(dir, Device.cpu())) {
            EncodecConfig c = model.config();
            assertEquals(2, c.channels());
            assertEquals(ConvNorm.TIME_GROUP_NORM, c.norm());
            assertEquals(47520, c.segmentStride());
            assertEquals(16, c.numQuantizers());
            Tensor in = NpyFile.read(dir.resolve("input.npy"));
            float[] flatIn = in.toFloatArray();
            int n = (int) in.shape()[1];
            float[][] x = {Arrays.copyOfRange(flatIn, 0, n), Arrays.copyOfRange(flatIn, n, 2 * n)};

            float scale0 = NpyFile.read(dir.resolve("seg0_scale.npy")).toFloatArray()[0];
            float[][] seg0 = new float[2][];
            for (int ch = 0; ch < 2; ch++) {
                seg0[ch] = Arrays.copyOf(x[ch], c.segmentLength());
                for (int i = 0; i < seg0[ch].length; i++) {
                    seg0[ch][i] /= scale0;
                }
            }
            double dz = maxAbsDiff(NpyFile.read(dir.resolve("seg0_encoder_out.npy")).toFloatArray(),
                    flat(model.encoderOutput(seg0)));
            assertTrue(dz < 2e-5, "encoder output of segment 0, max |diff| " + dz);

            List<EncodedFrame> frames = model.encode(x, c.codebooksFor(6.0));
            assertEquals(2, frames.size(), "segments at offsets 0 and 47520");
            for (int i = 0; i < 2; i++) {
                Tensor codes = NpyFile.read(dir.resolve("seg" + i + "_codes_bw6.npy"));
                assertArrayEquals(codes.toLongArray(), longs(frames.get(i).codes()), "codes of segment " + i);
                float scale = NpyFile.read(dir.resolve("seg" + i + "_scale.npy")).toFloatArray()[0];
                assertEquals(scale, frames.get(i).scale(), 1e-6 * scale, "scale of segment " + i);
            }
            float[][] y = model.decode(frames);
            Tensor exp = NpyFile.read(dir.resolve("decoded_bw6.npy"));
            assertEquals(exp.shape()[1], y[0].length, "overlap-added length");
            double diff = maxAbsDiff(exp.toFloatArray(), flat(y));
            assertTrue(diff < 2e-5, "decoded max |diff| " + diff);
        }
    }

    private static long[] longs(int[][] codes) {
        return Arrays.stream(codes).flatMapToLong(r -> Arrays.stream(r).asLongStream()).toArray();
    }

    private static Path resource(String name) {
        try {
            return Path.of(Encodec48kTest.class.getResource("/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }
}
