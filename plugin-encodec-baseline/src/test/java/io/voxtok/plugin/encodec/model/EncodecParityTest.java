package io.voxtok.plugin.encodec.model;

import static io.voxtok.plugin.encodec.EncodecFixture.assertCodes;
import static io.voxtok.plugin.encodec.EncodecFixture.atol;
import static io.voxtok.plugin.encodec.EncodecFixture.expected;
import static io.voxtok.plugin.encodec.EncodecFixture.flat;
import static io.voxtok.plugin.encodec.EncodecFixture.maxAbsDiff;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.voxtok.modelio.Tensor;
import io.voxtok.plugin.encodec.EncodecFixture;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parity with the official EnCodec code on every case of the shared fixture's manifest: encoder output and decoded
 * audio within the manifest tolerance, codes exactly equal at 1.5, 6 and 24 kbps (fragile positions per the
 * manifest's rule), and the very short input.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EncodecParityTest {
    private EncodecModel model;

    @BeforeAll
    void load() {
        model = EncodecModel.load(EncodecFixture.dir(), Device.cpu());
    }

    @AfterAll
    void close() {
        model.close();
    }

    @Test
    void configFromFixtureMatchesManifestTable() {
        EncodecConfig c = model.config();
        assertEquals(32, c.numQuantizers());
        assertEquals(75, c.frameRate());
        assertEquals(450.0, c.bandwidthPerCodebook());
        // the manifest's bandwidth_table, n_q_effective (bins = 64, so not the 1024-bin 2/4/8/16/32)
        assertEquals(3, c.codebooksFor(1.5));
        assertEquals(6, c.codebooksFor(3.0));
        assertEquals(13, c.codebooksFor(6.0));
        assertEquals(26, c.codebooksFor(12.0));
        assertEquals(32, c.codebooksFor(24.0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"utt1", "utt2", "utt3"})
    void encoderOutputMatches(String utt) {
        float[] x = EncodecFixture.wav(utt + "_24k.wav");
        String file = "expected/" + utt + "_encoder_out.npy";
        Tensor exp = expected(utt + "_encoder_out.npy");
        float[][] z = model.encoderOutput(new float[][] {x});
        assertEquals(exp.shape()[2], z[0].length, "frames = ceil(L / 320)");
        double diff = maxAbsDiff(exp.toFloatArray(), flat(z));
        assertTrue(diff <= atol(file), utt + " encoder output max |diff| " + diff + " > " + atol(file));
    }

    @ParameterizedTest
    @ValueSource(strings = {"utt1", "utt2", "utt3"})
    void codesMatchAtEveryFixtureBandwidth(String utt) {
        float[] x = EncodecFixture.wav(utt + "_24k.wav");
        for (String bw : List.of("1.5", "6.0", "24.0")) {
            String name = utt + "_codes_bw" + bw + ".npy";
            List<EncodedFrame> frames = model.encode(new float[][] {x}, model.config().codebooksFor(Double.parseDouble(bw)));
            assertEquals(1, frames.size(), "an unsegmented model gives one frame");
            assertNull(frames.get(0).scale(), "normalize=False gives no scale");
            assertCodes("expected/" + name, expected(name).toLongArray(), frames.get(0).codes());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "6.0", "24.0"})
    void decodingOfficialCodesMatches(String bw) {
        String name = "utt1_codes_bw" + bw + ".npy";
        Tensor codes = expected(name);
        int[][] rows = rows(codes);
        float[][] y = model.decode(List.of(new EncodedFrame(rows, null)));
        String dec = "utt1_decoded_bw" + bw + ".npy";
        Tensor exp = expected(dec);
        assertEquals(exp.shape()[2], y[0].length, "decode returns frames * 320 samples, untrimmed");
        double diff = maxAbsDiff(exp.toFloatArray(), flat(y));
        assertTrue(diff <= atol("expected/" + dec), "decoded at " + bw + " kbps: max |diff| " + diff);
    }

    @Test
    void veryShortInput() {
        float[] x = Arrays.copyOf(EncodecFixture.wav("utt1_24k.wav"), 957);
        Tensor expZ = expected("short_encoder_out.npy");
        double dz = maxAbsDiff(expZ.toFloatArray(), flat(model.encoderOutput(new float[][] {x})));
        assertTrue(dz <= atol("expected/short_encoder_out.npy"), "short encoder output max |diff| " + dz);
        List<EncodedFrame> frames = model.encode(new float[][] {x}, model.config().codebooksFor(6.0));
        assertCodes("expected/short_codes_bw6.0.npy", expected("short_codes_bw6.0.npy").toLongArray(),
                frames.get(0).codes());
        float[][] y = model.decode(List.of(new EncodedFrame(rows(expected("short_codes_bw6.0.npy")), null)));
        double dy = maxAbsDiff(expected("short_decoded_bw6.0.npy").toFloatArray(), flat(y));
        assertTrue(dy <= atol("expected/short_decoded_bw6.0.npy"), "short decoded max |diff| " + dy);
    }

    static int[][] rows(Tensor codes) {
        long[] flat = codes.toLongArray();
        int k = (int) codes.shape()[1];
        int t = (int) codes.shape()[2];
        int[][] out = new int[k][t];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < t; j++) {
                out[i][j] = (int) flat[i * t + j];
            }
        }
        return out;
    }
}
