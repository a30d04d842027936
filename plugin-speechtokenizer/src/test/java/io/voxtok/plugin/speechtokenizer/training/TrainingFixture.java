package io.voxtok.plugin.speechtokenizer.training;

import io.voxtok.modelio.Json;
import io.voxtok.modelio.NpyFile;
import io.voxtok.modelio.Tensor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The shared training-step parity fixture ({@code <voxtok.shared>/fixtures/parity/training}), made with the
 * official trainer, and its tolerance rules (the fixture's README 'Tolerances').
 */
final class TrainingFixture {
    private static Map<String, Object> manifest;

    private TrainingFixture() {
    }

    /** The fixture directory; fails (not skips) when the shared folder is missing. */
    static Path dir() {
        return io.voxtok.plugin.speechtokenizer.SharedFixtures.dir("training");
    }

    static Tensor npy(String relative) {
        return NpyFile.read(dir().resolve(relative));
    }

    @SuppressWarnings("unchecked")
    static synchronized Map<String, Object> manifest() {
        if (manifest == null) {
            manifest = (Map<String, Object>) Json.read(dir().resolve("manifest.json"));
        }
        return manifest;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> trainSteps() {
        return (List<Map<String, Object>>) Json.read(dir().resolve("expected/train_steps.json"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o, String key) {
        return (Map<String, Object>) ((Map<String, Object>) o).get(key);
    }

    static double number(Object o, String key) {
        return ((Number) ((Map<?, ?>) o).get(key)).doubleValue();
    }

    /** Largest absolute difference; fails on a size mismatch. */
    static double maxAbsDiff(float[] actual, float[] expected, String what) {
        if (actual.length != expected.length) {
            fail(what + ": " + actual.length + " values, expected " + expected.length);
        }
        double max = 0;
        for (int i = 0; i < actual.length; i++) {
            double d = Math.abs((double) actual[i] - expected[i]);
            if (!(d <= max)) {
                max = Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
            }
        }
        return max;
    }

    /**
     * The 'abs_with_outliers' rule: at most {@code max_outliers_allowed} elements beyond {@code suggested_atol},
     * each within {@code outlier_bound}.
     *
     * @return a failure description, or {@code null} when it passes
     */
    static String checkWithOutliers(float[] actual, float[] expected, Map<String, Object> tol, String what) {
        double atol = number(tol, "suggested_atol");
        double bound = number(tol, "outlier_bound");
        int allowed = (int) number(tol, "max_outliers_allowed");
        if (actual.length != expected.length) {
            return what + ": " + actual.length + " values, expected " + expected.length;
        }
        int outliers = 0;
        double worst = 0;
        for (int i = 0; i < actual.length; i++) {
            double d = Math.abs((double) actual[i] - expected[i]);
            if (Double.isNaN(d) || d > bound) {
                return what + ": element " + i + " off by " + d + " (outlier bound " + bound + ")";
            }
            if (d > atol) {
                outliers++;
            }
            worst = Math.max(worst, d);
        }
        return outliers > allowed ? what + ": " + outliers + " elements beyond " + atol + " (allowed " + allowed
                + ", worst " + worst + ")" : null;
    }
}
