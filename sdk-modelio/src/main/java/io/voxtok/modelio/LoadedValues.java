package io.voxtok.modelio;

import io.voxtok.api.VoxtokException;
import java.nio.file.Path;

/**
 * Finiteness of values read from a file: a NaN or infinite value in weights, centroids or cached features (a
 * diverged run, half storage read wrongly, a damaged file) would otherwise pass through every later stage and
 * come out as garbage with exit 0. Every loader of float arrays checks them here, so each refusal names the file and
 * what in it holds the value. Stateless.
 */
public final class LoadedValues {
    private LoadedValues() {
    }

    /** Index of the first NaN or infinite value, or -1 when all are finite. */
    public static int firstNonFinite(float[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Refuses values holding a NaN or infinity.
     *
     * @param file the file read
     * @param key  what in the file holds the values, e.g. a tensor key
     * @throws VoxtokException USER_INPUT naming the file, the key, the value and its index
     */
    public static void requireFinite(float[] values, Path file, String key) {
        int i = firstNonFinite(values);
        if (i >= 0) {
            throw VoxtokException.userInput(file + ": " + key + " holds " + values[i] + " at element " + i + " of "
                    + values.length + " (values must be finite)");
        }
    }
}
