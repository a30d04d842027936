package io.voxtok.units;

import io.voxtok.api.VoxtokException;
import io.voxtok.api.teacher.FeatureSequence;
import java.util.Arrays;
import java.util.Objects;

/**
 * Turns features into unit ids: each frame gets the index of its nearest centroid by squared Euclidean
 * distance (fairseq's {@code ApplyKmeans}, {@code argmin_k ||x - c_k||²}, ties to the lowest index), optionally
 * followed by run-length collapse of repeated units ("deduplication", as used for unit language models).
 * Immutable and thread-safe.
 */
public final class UnitExtractor {
    private final Centroids centroids;
    private final boolean deduplicate;

    /**
     * @param centroids   the k-means centres
     * @param deduplicate whether {@link #extract} collapses runs of equal units
     */
    public UnitExtractor(Centroids centroids, boolean deduplicate) {
        this.centroids = Objects.requireNonNull(centroids);
        this.deduplicate = deduplicate;
    }

    /** The centres. */
    public Centroids centroids() {
        return centroids;
    }

    /** Whether runs are collapsed. */
    public boolean deduplicates() {
        return deduplicate;
    }

    /**
     * Unit ids of every frame (or of every run when deduplicating).
     *
     * @throws VoxtokException USER_INPUT when the feature dimension differs from the centroids'
     */
    public int[] extract(FeatureSequence features) {
        int[] units = frameUnits(features);
        return deduplicate ? collapse(units) : units;
    }

    /** One unit per frame, never collapsed. */
    public int[] frameUnits(FeatureSequence features) {
        if (features.dim() != centroids.dim()) {
            throw VoxtokException.userInput("features have dimension " + features.dim() + " but the k-means centroids "
                    + centroids.dim() + " (were they fitted on another teacher layer or model?)");
        }
        float[] x = features.toArray();
        int dim = features.dim();
        int[] out = new int[features.frames()];
        for (int t = 0; t < out.length; t++) {
            out[t] = centroids.nearest(x, t * dim);
        }
        return out;
    }

    /** Run-length collapse: {@code [3,3,5,5,5,3] -> [3,5,3]}. */
    public static int[] collapse(int[] units) {
        int[] out = new int[units.length];
        int n = 0;
        for (int i = 0; i < units.length; i++) {
            if (i == 0 || units[i] != units[i - 1]) {
                out[n++] = units[i];
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** Lengths of the runs that {@link #collapse} merges: {@code [3,3,5,5,5,3] -> [2,3,1]}. */
    public static int[] runLengths(int[] units) {
        int[] out = new int[units.length];
        int n = -1;
        for (int i = 0; i < units.length; i++) {
            if (i == 0 || units[i] != units[i - 1]) {
                n++;
            }
            out[n]++;
        }
        return Arrays.copyOf(out, n + 1);
    }
}
