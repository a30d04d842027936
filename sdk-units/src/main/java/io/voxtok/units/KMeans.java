package io.voxtok.units;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.bench.ProgressListener;
import io.voxtok.api.teacher.FeatureSequence;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * K-means clustering of feature frames, seeded and deterministic.
 *
 * <ul>
 *   <li>{@link Mode#LLOYD}: assign every row to its nearest centre, then move each centre to the mean of its
 *       rows; repeat until no assignment changes (or the centre shift is at most {@code tolerance}, or
 *       {@code maxIterations}). An empty cluster keeps its previous centre.</li>
 *   <li>{@link Mode#MINI_BATCH}: the update of scikit-learn's {@code MiniBatchKMeans} without reassignment
 *       (fairseq's {@code learn_kmeans.py} sets {@code reassignment_ratio=0}): per step, {@code batchSize} rows
 *       drawn with replacement are assigned and each centre becomes the count-weighted mean of its old value
 *       and its new rows. {@code maxIterations} passes of {@code ceil(rows / batchSize)} steps.</li>
 * </ul>
 * Initialisation: {@link Init#KMEANS_PLUS_PLUS} (D² sampling) or {@link Init#RANDOM} (k distinct rows), on
 * at most {@code initSampleSize} rows drawn without replacement (0 = all rows for Lloyd, {@code 3 * batchSize}
 * for mini-batch, as scikit-learn does). Distances are squared Euclidean, accumulated in double.
 *
 * <p>Instances are immutable and thread-safe; {@link #fit} uses the common fork-join pool for assignments.
 */
public final class KMeans {
    private static final Logger LOG = LoggerFactory.getLogger(KMeans.class);

    /** How the first centres are chosen. */
    public enum Init {
        /** k-means++: first centre uniform, each next one with probability proportional to D². */
        KMEANS_PLUS_PLUS,
        /** k distinct rows drawn uniformly. */
        RANDOM
    }

    /** Update rule. */
    public enum Mode {
        /** Full-batch Lloyd iterations. */
        LLOYD,
        /** Mini-batch updates with per-centre counts. */
        MINI_BATCH
    }

    private final int k;
    private final Init init;
    private final Mode mode;
    private final long seed;
    private final int maxIterations;
    private final int batchSize;
    private final double tolerance;
    private final int initSampleSize;

    private KMeans(Builder b) {
        this.k = b.k;
        this.init = b.init;
        this.mode = b.mode;
        this.seed = b.seed;
        this.maxIterations = b.maxIterations;
        this.batchSize = b.batchSize;
        this.tolerance = b.tolerance;
        this.initSampleSize = b.initSampleSize;
    }

    /** A builder with the defaults k = 500, k-means++, Lloyd, seed 0, 100 iterations, batch 10 000, tolerance 0. */
    public static Builder builder() {
        return new Builder();
    }

    /** Number of clusters. */
    public int k() {
        return k;
    }

    /**
     * Fits on the frames of several sequences (concatenated in order).
     *
     * @throws VoxtokException USER_INPUT when the dimensions differ or there are fewer than k frames
     */
    public KMeansResult fit(List<FeatureSequence> sequences, ProgressListener progress) {
        if (sequences.isEmpty()) {
            throw VoxtokException.userInput("k-means needs at least one feature sequence");
        }
        int dim = sequences.get(0).dim();
        long rows = 0;
        for (FeatureSequence s : sequences) {
            if (s.dim() != dim) {
                throw VoxtokException.userInput("k-means input has mixed feature dimensions " + dim + " and " + s.dim());
            }
            rows += s.frames();
        }
        if (rows * dim > Integer.MAX_VALUE - 8) {
            throw VoxtokException.userInput("k-means input of " + rows + " frames x " + dim
                    + " exceeds one Java array; sample a subset of the corpus (fairseq uses 10%)");
        }
        float[] data = new float[(int) (rows * dim)];
        int pos = 0;
        for (FeatureSequence s : sequences) {
            s.data().get(data, pos, s.frames() * dim);
            pos += s.frames() * dim;
        }
        return fit(data, (int) rows, dim, progress);
    }

    /**
     * Fits on {@code rows x dim} row-major data, with this configuration's initialisation.
     *
     * @throws VoxtokException USER_INPUT when there are fewer than k rows or a value is not finite
     */
    public KMeansResult fit(float[] data, int rows, int dim, ProgressListener progress) {
        check(data, rows, dim);
        Random rnd = new Random(seed);
        Centroids start = initialise(data, rows, dim, rnd);
        return run(data, rows, dim, start, rnd, progress);
    }

    /**
     * Fits starting from given centres instead of this configuration's initialisation (for continuing a fit or
     * reproducing a reference run).
     */
    public KMeansResult fit(float[] data, int rows, int dim, Centroids start, ProgressListener progress) {
        check(data, rows, dim);
        if (start.k() != k || start.dim() != dim) {
            throw VoxtokException.userInput("initial centroids are " + start.k() + "x" + start.dim() + ", expected " + k + "x" + dim);
        }
        return run(data, rows, dim, start, new Random(seed), progress);
    }

    private void check(float[] data, int rows, int dim) {
        if (dim <= 0 || rows < 0 || (long) rows * dim != data.length) {
            throw new IllegalArgumentException("data has " + data.length + " values, not " + rows + "x" + dim);
        }
        if (rows < k) {
            throw new VoxtokException(ErrorKind.USER_INPUT, "k-means with k=" + k + " needs at least " + k + " frames, got " + rows);
        }
        for (float v : data) {
            if (!Float.isFinite(v)) {
                throw VoxtokException.userInput("k-means input contains NaN or infinite values");
            }
        }
    }

    private KMeansResult run(float[] data, int rows, int dim, Centroids start, Random rnd, ProgressListener progress) {
        return mode == Mode.LLOYD ? lloyd(data, rows, dim, start.toArray(), progress)
                : miniBatch(data, rows, dim, start.toArray(), rnd, progress);
    }

    private KMeansResult lloyd(float[] data, int rows, int dim, float[] centres, ProgressListener progress) {
        int[] assign = new int[rows];
        Arrays.fill(assign, -1);
        int it = 0;
        boolean converged = false;
        while (it < maxIterations) {
            Centroids c = Centroids.of(centres, k, dim);
            int changed = assignAll(data, rows, dim, c, assign);
            if (changed == 0) {
                converged = true;
                break;
            }
            it++;
            double shift = updateMeans(data, rows, dim, assign, centres);
            LOG.debug("k-means Lloyd iteration {}: {} assignments changed, max centre shift² {}", it, changed, shift);
            progress.onProgress(it, maxIterations);
            if (tolerance > 0 && shift <= tolerance) {
                converged = true;
                break;
            }
        }
        Centroids out = Centroids.of(centres, k, dim);
        return new KMeansResult(out, it, converged, inertia(data, rows, dim, out));
    }

    /** Assigns every row; returns how many assignments changed. */
    private static int assignAll(float[] data, int rows, int dim, Centroids c, int[] assign) {
        return IntStream.range(0, rows).parallel().map(i -> {
            int a = c.nearest(data, i * dim);
            int changed = a != assign[i] ? 1 : 0;
            assign[i] = a;
            return changed;
        }).sum();
    }

    /** Moves centres to the means of their rows (empty clusters keep theirs); returns the max squared shift. */
    private double updateMeans(float[] data, int rows, int dim, int[] assign, float[] centres) {
        double[] sums = new double[k * dim];
        long[] counts = new long[k];
        for (int i = 0; i < rows; i++) {
            int a = assign[i];
            counts[a]++;
            int base = a * dim;
            int off = i * dim;
            for (int d = 0; d < dim; d++) {
                sums[base + d] += data[off + d];
            }
        }
        double maxShift = 0;
        for (int c = 0; c < k; c++) {
            if (counts[c] == 0) {
                continue;
            }
            double shift = 0;
            for (int d = 0; d < dim; d++) {
                float v = (float) (sums[c * dim + d] / counts[c]);
                double diff = v - centres[c * dim + d];
                shift += diff * diff;
                centres[c * dim + d] = v;
            }
            maxShift = Math.max(maxShift, shift);
        }
        return maxShift;
    }

    private KMeansResult miniBatch(float[] data, int rows, int dim, float[] centres, Random rnd, ProgressListener progress) {
        double[] centre = new double[centres.length];
        for (int i = 0; i < centres.length; i++) {
            centre[i] = centres[i];
        }
        double[] weight = new double[k];
        int steps = (rows + batchSize - 1) / batchSize;
        int[] batch = new int[batchSize];
        int[] batchAssign = new int[batchSize];
        int pass = 0;
        boolean converged = false;
        while (pass < maxIterations) {
            double[] before = centre.clone();
            for (int s = 0; s < steps; s++) {
                for (int j = 0; j < batchSize; j++) {
                    batch[j] = rnd.nextInt(rows);
                }
                Centroids c = Centroids.of(toFloats(centre), k, dim);
                IntStream.range(0, batchSize).parallel().forEach(j -> batchAssign[j] = c.nearest(data, batch[j] * dim));
                double[] sums = new double[k * dim];
                int[] counts = new int[k];
                for (int j = 0; j < batchSize; j++) {
                    int a = batchAssign[j];
                    counts[a]++;
                    int off = batch[j] * dim;
                    for (int d = 0; d < dim; d++) {
                        sums[a * dim + d] += data[off + d];
                    }
                }
                for (int a = 0; a < k; a++) {
                    if (counts[a] == 0) {
                        continue;
                    }
                    double w = weight[a] + counts[a];
                    for (int d = 0; d < dim; d++) {
                        centre[a * dim + d] = (centre[a * dim + d] * weight[a] + sums[a * dim + d]) / w;
                    }
                    weight[a] = w;
                }
            }
            pass++;
            double maxShift = 0;
            for (int a = 0; a < k; a++) {
                double shift = 0;
                for (int d = 0; d < dim; d++) {
                    double diff = centre[a * dim + d] - before[a * dim + d];
                    shift += diff * diff;
                }
                maxShift = Math.max(maxShift, shift);
            }
            LOG.debug("k-means mini-batch pass {}: max centre shift² {}", pass, maxShift);
            progress.onProgress(pass, maxIterations);
            if (maxShift <= tolerance) {
                converged = true;
                break;
            }
        }
        Centroids out = Centroids.of(toFloats(centre), k, dim);
        return new KMeansResult(out, pass, converged, inertia(data, rows, dim, out));
    }

    private static float[] toFloats(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }

    private static double inertia(float[] data, int rows, int dim, Centroids c) {
        return IntStream.range(0, rows).parallel()
                .mapToDouble(i -> c.squaredDistance(c.nearest(data, i * dim), data, i * dim)).sum();
    }

    private Centroids initialise(float[] data, int rows, int dim, Random rnd) {
        int sampleSize = initSampleSize > 0 ? initSampleSize : (mode == Mode.MINI_BATCH ? 3 * batchSize : rows);
        sampleSize = Math.max(k, Math.min(rows, sampleSize));
        int[] sample = partialShuffle(rows, sampleSize, rnd);
        float[] centres = new float[k * dim];
        if (init == Init.RANDOM) {
            for (int c = 0; c < k; c++) {
                System.arraycopy(data, sample[c] * dim, centres, c * dim, dim);
            }
            return Centroids.of(centres, k, dim);
        }
        int first = sample[rnd.nextInt(sampleSize)];
        System.arraycopy(data, first * dim, centres, 0, dim);
        double[] d2 = new double[sampleSize];
        updateMin(data, dim, sample, d2, Centroids.of(Arrays.copyOf(centres, dim), 1, dim), true);
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (double v : d2) {
                total += v;
            }
            int pick;
            if (total <= 0) {
                // every sampled row coincides with a centre already: fall back to a uniform draw
                pick = sample[rnd.nextInt(sampleSize)];
            } else {
                double r = rnd.nextDouble() * total;
                int j = 0;
                double acc = d2[0];
                while (acc <= r && j < sampleSize - 1) {
                    j++;
                    acc += d2[j];
                }
                pick = sample[j];
            }
            System.arraycopy(data, pick * dim, centres, c * dim, dim);
            updateMin(data, dim, sample, d2, Centroids.of(Arrays.copyOfRange(centres, c * dim, (c + 1) * dim), 1, dim), false);
        }
        return Centroids.of(centres, k, dim);
    }

    private static void updateMin(float[] data, int dim, int[] sample, double[] d2, Centroids one, boolean first) {
        IntStream.range(0, sample.length).parallel().forEach(j -> {
            double d = one.squaredDistance(0, data, sample[j] * dim);
            d2[j] = first ? d : Math.min(d2[j], d);
        });
    }

    /** The first {@code m} entries of a seeded Fisher-Yates shuffle of {@code 0..n-1}. */
    private static int[] partialShuffle(int n, int m, Random rnd) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        for (int i = 0; i < m; i++) {
            int j = i + rnd.nextInt(n - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        return Arrays.copyOf(idx, m);
    }

    @Override
    public String toString() {
        return "KMeans[k=" + k + ", " + init + ", " + mode + ", seed=" + seed + ", maxIterations=" + maxIterations
                + (mode == Mode.MINI_BATCH ? ", batchSize=" + batchSize : "") + ", tolerance=" + tolerance + "]";
    }

    /** Configures a {@link KMeans}. Not thread-safe. */
    public static final class Builder {
        private int k = 500;
        private Init init = Init.KMEANS_PLUS_PLUS;
        private Mode mode = Mode.LLOYD;
        private long seed;
        private int maxIterations = 100;
        private int batchSize = 10_000;
        private double tolerance;
        private int initSampleSize;

        private Builder() {
        }

        /** Number of clusters (default 500). */
        public Builder k(int k) {
            if (k < 1) {
                throw new IllegalArgumentException("k must be >= 1");
            }
            this.k = k;
            return this;
        }

        /** Initialisation (default k-means++). */
        public Builder init(Init init) {
            this.init = java.util.Objects.requireNonNull(init);
            return this;
        }

        /** Update rule (default Lloyd). */
        public Builder mode(Mode mode) {
            this.mode = java.util.Objects.requireNonNull(mode);
            return this;
        }

        /** Random seed (default 0). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Lloyd iterations or mini-batch passes (default 100). */
        public Builder maxIterations(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxIterations must be >= 1");
            }
            this.maxIterations = n;
            return this;
        }

        /** Rows per mini-batch step (default 10 000, fairseq's value). */
        public Builder batchSize(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("batchSize must be >= 1");
            }
            this.batchSize = n;
            return this;
        }

        /**
         * Stop when the largest squared centre movement of an iteration (Lloyd) or pass (mini-batch) is at most
         * this (default 0: Lloyd stops when assignments stop changing; mini-batch only on an exact fixed point).
         */
        public Builder tolerance(double tol) {
            if (!(tol >= 0)) {
                throw new IllegalArgumentException("tolerance must be >= 0");
            }
            this.tolerance = tol;
            return this;
        }

        /** Rows used for initialisation (default 0: all rows for Lloyd, 3 x batch size for mini-batch). */
        public Builder initSampleSize(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("initSampleSize must be >= 0");
            }
            this.initSampleSize = n;
            return this;
        }

        /** The configured instance. */
        public KMeans build() {
            return new KMeans(this);
        }
    }
}
