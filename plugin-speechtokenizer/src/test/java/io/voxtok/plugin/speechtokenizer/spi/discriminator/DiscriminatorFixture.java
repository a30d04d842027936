package io.voxtok.plugin.speechtokenizer.spi.discriminator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.modelio.Json;
import io.voxtok.modelio.NpyFile;
import io.voxtok.modelio.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The shared training-step parity fixture ({@code <voxtok.shared>/fixtures/parity/training}, made with the official
 * trainer): its step-1 input batch, the official real-audio logits per sub-discriminator and their manifest
 * tolerances.
 */
final class DiscriminatorFixture {
    private static Map<String, Object> manifest;

    private DiscriminatorFixture() {
    }

    /** The fixture directory; fails (not skips) when the shared folder is missing. */
    static Path dir() {
        return io.voxtok.plugin.speechtokenizer.SharedFixtures.dir("training");
    }

    /** Row {@code item} of {@code inputs/step1_x.npy} ({@code (2, 16000)}, 16 kHz) as mono audio. */
    static AudioBuffer step1Item(int item) {
        Tensor x = NpyFile.read(dir().resolve("inputs/step1_x.npy"));
        return AudioBuffer.ofMono(row(x, item), 16000);
    }

    /** Row 0 (batch item 0), flattened, of {@code expected/<family>/real_logit_<sub>.npy}. */
    static float[] realLogits(String family, int sub) {
        return row(NpyFile.read(dir().resolve(file(family, sub))), 0);
    }

    /** The manifest's {@code suggested_atol} of that logit file. */
    @SuppressWarnings("unchecked")
    static synchronized double atol(String family, int sub) {
        if (manifest == null) {
            manifest = (Map<String, Object>) Json.read(dir().resolve("manifest.json"));
        }
        String file = file(family, sub);
        for (Map<String, Object> f : (List<Map<String, Object>>) manifest.get("files")) {
            if (file.equals(f.get("file"))) {
                return ((Number) ((Map<String, Object>) f.get("tolerance")).get("suggested_atol")).doubleValue();
            }
        }
        throw new AssertionError("manifest.json lists no " + file);
    }

    /** Largest absolute difference; fails on a length mismatch. */
    static double maxAbsDiff(float[] actual, float[] expected, String what) {
        assertEquals(expected.length, actual.length, what + ": number of logits");
        double max = 0;
        for (int i = 0; i < actual.length; i++) {
            double d = Math.abs((double) actual[i] - expected[i]);
            max = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(max, d);
        }
        return max;
    }

    private static String file(String family, int sub) {
        return "expected/" + family + "/real_logit_" + sub + ".npy";
    }

    private static float[] row(Tensor t, int item) {
        long[] s = t.shape();
        int per = (int) (Tensor.numel(s) / s[0]);
        return Arrays.copyOfRange(t.toFloatArray(), item * per, (item + 1) * per);
    }
}
