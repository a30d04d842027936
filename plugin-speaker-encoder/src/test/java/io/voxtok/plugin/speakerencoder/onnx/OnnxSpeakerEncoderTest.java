package io.voxtok.plugin.speakerencoder.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.ComponentConfig;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.speaker.SpeakerEncoder;
import io.voxtok.modelio.Json;
import io.voxtok.testkit.TestComponentContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ONNX speaker encoder and the Kaldi fbank against torch/torchaudio outputs computed by
 * {@code src/test/python/make_onnx_speaker_assets.py} on the same signal.
 */
class OnnxSpeakerEncoderTest {
    static final Path DIR = Path.of("src/test/resources/onnx");
    static final Map<String, Object> REF = Json.readObject(DIR.resolve("reference.json"));

    static float[] signal(int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (0.3 * Math.sin(0.02 * i + Math.sin(0.001 * i)) + 0.05 * Math.sin(0.31 * i));
        }
        return x;
    }

    static double[] numbers(Object list) {
        return ((List<?>) list).stream().mapToDouble(o -> ((Number) o).doubleValue()).toArray();
    }

    @Test
    void kaldiFbankMatchesTorchaudio() {
        float[] x = signal(16_000);
        for (int i = 0; i < x.length; i++) {
            x[i] *= 32768;
        }
        float[][] f = new KaldiFbank(16_000, 80).compute(x);
        assertEquals(((Number) REF.get("fbank_frames")).intValue(), f.length);
        List<?> first = (List<?>) REF.get("fbank_first_frames");
        for (int t = 0; t < first.size(); t++) {
            double[] want = numbers(first.get(t));
            for (int b = 0; b < 80; b++) {
                assertEquals(want[b], f[t][b], 2e-3, "frame " + t + " bin " + b);
            }
        }
        double[] means = numbers(REF.get("fbank_bin_means"));
        for (int b = 0; b < 80; b++) {
            double m = 0;
            for (float[] row : f) {
                m += row[b];
            }
            assertEquals(means[b], m / f.length, 2e-3, "mean of bin " + b);
        }
    }

    @Test
    void waveformModelGivesTorchsEmbedding() {
        try (SpeakerEncoder enc = new OnnxSpeakerEncoderFactory().create(
                ComponentConfig.ofModel(DIR.resolve("wave_encoder.onnx")), new TestComponentContext())) {
            assertEquals(12, enc.spec().dimension());
            assertTrue(enc.spec().description().contains("wave_encoder.onnx"), enc.spec().description());
            float[] e = enc.embed(signal(16_000));
            double[] want = numbers(REF.get("wave_embedding"));
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], e[i], 1e-4, "value " + i);
            }
            assertThrows(VoxtokException.class, () -> enc.embed(new float[100]));
        }
    }

    @Test
    void fbankModelGivesTorchsEmbedding() {
        ComponentConfig cfg = ComponentConfig.ofModel(DIR.resolve("fbank_encoder.onnx")).with("input", "fbank");
        try (SpeakerEncoder enc = new OnnxSpeakerEncoderFactory().create(cfg, new TestComponentContext())) {
            assertEquals(10, enc.spec().dimension());
            float[] e = enc.embed(signal(16_000));
            double[] want = numbers(REF.get("fbank_embedding"));
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], e[i], 1e-3, "value " + i);
            }
        }
    }

    @Test
    void mismatchedInputKindAndBadOptionsAreRefused() {
        VoxtokException rank = assertThrows(VoxtokException.class, () -> new OnnxSpeakerEncoderFactory().create(
                ComponentConfig.ofModel(DIR.resolve("wave_encoder.onnx")).with("input", "fbank"),
                new TestComponentContext()));
        assertTrue(rank.getMessage().contains("wave_encoder.onnx") && rank.getMessage().contains("rank"),
                rank.getMessage());
        assertThrows(VoxtokException.class, () -> new OnnxSpeakerEncoderFactory().create(
                ComponentConfig.ofModel(DIR.resolve("wave_encoder.onnx")).with("input", "mfcc"),
                new TestComponentContext()));
        assertThrows(VoxtokException.class, () -> new OnnxSpeakerEncoderFactory().create(
                ComponentConfig.ofModel(DIR.resolve("wave_encoder.onnx")).with("colour", "blue"),
                new TestComponentContext()));
        VoxtokException missing = assertThrows(VoxtokException.class, () -> new OnnxSpeakerEncoderFactory().create(
                ComponentConfig.ofModel(DIR.resolve("nothing.onnx")), new TestComponentContext()));
        assertTrue(missing.getMessage().contains("nothing.onnx"), missing.getMessage());
    }
}
