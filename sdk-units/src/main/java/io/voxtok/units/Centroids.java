package io.voxtok.units;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.modelio.DType;
import io.voxtok.modelio.LoadedValues;
import io.voxtok.modelio.NpyFile;
import io.voxtok.modelio.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@code k} cluster centres of dimension {@code dim}, float32, row-major. Stored on disk as a {@code .npy} of
 * shape {@code (k, dim)} (float32), the layout of fairseq/scikit-learn {@code cluster_centers_}. Immutable and
 * thread-safe.
 */
public final class Centroids {
    private final float[] data;
    private final int k;
    private final int dim;

    private Centroids(float[] data, int k, int dim) {
        if (k <= 0 || dim <= 0 || (long) k * dim != data.length) {
            throw new IllegalArgumentException("bad centroid matrix " + k + "x" + dim + " for " + data.length + " values");
        }
        this.data = data;
        this.k = k;
        this.dim = dim;
    }

    /** Centroids from row-major values (copied). */
    public static Centroids of(float[] rowMajor, int k, int dim) {
        return new Centroids(rowMajor.clone(), k, dim);
    }

    /**
     * Reads a {@code (k, dim)} float32 (or float64, converted) {@code .npy}.
     *
     * @throws VoxtokException USER_INPUT naming the file when it is not a 2-D floating-point array or holds a NaN or
     *                         infinite value (naming the centroid and dimension)
     */
    public static Centroids load(Path npy) {
        Tensor t = NpyFile.read(npy);
        long[] s = t.shape();
        if (s.length != 2 || s[0] < 1 || s[1] < 1 || (t.dtype() != DType.FLOAT32 && t.dtype() != DType.FLOAT64)) {
            throw new VoxtokException(ErrorKind.USER_INPUT, npy + ": expected a (k, dim) float32 array of centroids, got "
                    + t.dtype() + " " + Arrays.toString(s));
        }
        float[] values = t.toFloatArray();
        int bad = LoadedValues.firstNonFinite(values);
        if (bad >= 0) {
            // a NaN centroid is never nearest and an infinite one always far, so units would silently skip it
            throw new VoxtokException(ErrorKind.USER_INPUT, npy + ": centroid " + bad / s[1] + " holds " + values[bad]
                    + " at dimension " + bad % s[1] + " (centroids must be finite"
                    + (t.dtype() == DType.FLOAT64 ? " and within float32 range" : "") + ")");
        }
        return new Centroids(values, Math.toIntExact(s[0]), Math.toIntExact(s[1]));
    }

    /** Writes a {@code (k, dim)} float32 {@code .npy}, atomically (NpyFile writes a temporary file, then moves it). */
    public void save(Path npy) {
        Path parent = npy.toAbsolutePath().getParent();
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new VoxtokException(ErrorKind.ENVIRONMENT, "cannot create " + parent + ": " + e.getMessage(), e);
        }
        NpyFile.write(npy, Tensor.ofFloats(data, k, dim));
    }

    /** Number of centroids. */
    public int k() {
        return k;
    }

    /** Dimension. */
    public int dim() {
        return dim;
    }

    /** One centroid (copy). */
    public float[] row(int c) {
        return Arrays.copyOfRange(data, c * dim, (c + 1) * dim);
    }

    /** All values, row-major (copy). */
    public float[] toArray() {
        return data.clone();
    }

    /**
     * Squared Euclidean distance between centroid {@code c} and {@code x[offset .. offset + dim)}, accumulated in
     * double so that the arg-min is the exact one of the float32 inputs.
     */
    public double squaredDistance(int c, float[] x, int offset) {
        double s = 0;
        int base = c * dim;
        for (int d = 0; d < dim; d++) {
            double diff = (double) x[offset + d] - data[base + d];
            s += diff * diff;
        }
        return s;
    }

    /** Index of the nearest centroid to {@code x[offset .. offset + dim)}; ties go to the lowest index. */
    public int nearest(float[] x, int offset) {
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            double d = squaredDistance(c, x, offset);
            if (d < bestD) {
                bestD = d;
                best = c;
            }
        }
        return best;
    }

    @Override
    public String toString() {
        return "Centroids[" + k + "x" + dim + "]";
    }
}
