package io.voxtok.plugin.hubert.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.modelio.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Reads the per-file tolerances of the fixture's manifest.json (test helper; uses the shared JSON reader). */
public final class ManifestTolerances {
    private final Map<String, Object> manifest;

    /** Reads {@code dir/manifest.json}. */
    public ManifestTolerances(Path dir) {
        this.manifest = Json.readObject(dir.resolve("manifest.json"));
    }

    /** {@code suggested_atol} of an expected file such as {@code expected/utt1_cnn_features.npy}. */
    public double atol(String file) {
        for (Object o : (List<?>) manifest.get("expected")) {
            Map<?, ?> e = (Map<?, ?>) o;
            if (file.equals(e.get("file"))) {
                Object t = ((Map<?, ?>) e.get("tolerance")).get("suggested_atol");
                assertTrue(t instanceof Number, "no suggested_atol for " + file);
                return ((Number) t).doubleValue();
            }
        }
        throw new AssertionError("manifest has no entry " + file);
    }

    /** {@code teacher_input_stats.first_samples} of an utterance's teacher_avg entry. */
    public List<?> firstTeacherSamples(String utt) {
        for (Object o : (List<?>) manifest.get("expected")) {
            Map<?, ?> e = (Map<?, ?>) o;
            if (("expected/" + utt + "_teacher_avg.npy").equals(e.get("file"))) {
                return (List<?>) ((Map<?, ?>) e.get("teacher_input_stats")).get("first_samples");
            }
        }
        throw new AssertionError("manifest has no teacher_avg entry for " + utt);
    }
}
