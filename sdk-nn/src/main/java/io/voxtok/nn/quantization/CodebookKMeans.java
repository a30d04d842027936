package io.voxtok.nn.quantization;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.util.SplittableRandom;

/**
 * The official RVQ codebook initialisation (SPEC 3.3): k-means on the first training batch with
 * {@code iterations} Lloyd steps (50 in SpeechTokenizer), initial centroids sampled from the batch (a random
 * permutation when there are at least as many vectors as codes, else draws with replacement), empty clusters
 * keeping their previous centroid, and the final cluster sizes returned as counts.
 *
 * <p>Two deliberate differences: the sampling uses a seeded {@link SplittableRandom}, not torch's generator (no
 * implementation outside torch can reproduce its stream), and distances are computed as
 * {@code |x|^2 - 2 x.c + |c|^2} by a matrix product instead of materialising the {@code (N, K, D)} difference
 * tensor of the official code (the same argmin up to float rounding; memory {@code O(N K)} instead of
 * {@code O(N K D)}, which is what makes the official init take minutes).
 */
public final class CodebookKMeans {
    private final int iterations;
    private final SplittableRandom random;

    /**
     * @param iterations Lloyd iterations (50 in SpeechTokenizer)
     * @param random     source of the initial sampling; advanced by every {@link #fit}
     */
    public CodebookKMeans(int iterations, SplittableRandom random) {
        if (iterations < 0) {
            throw new IllegalArgumentException("iterations must be >= 0, got " + iterations);
        }
        this.iterations = iterations;
        this.random = random;
    }

    /**
     * Result of {@link #fit}.
     *
     * @param means  {@code (K, D)} float32 centroids
     * @param counts {@code (K)} int64 members of each centroid in the last assignment
     */
    public record Result(NDArray means, NDArray counts) {
    }

    /**
     * Runs k-means.
     *
     * @param samples {@code (N, D)} float32 (no gradient)
     * @param k       number of centroids
     * @return centroids and counts, attached to {@code samples}' manager
     */
    public Result fit(NDArray samples, int k) {
        int n = Math.toIntExact(samples.getShape().get(0));
        long[] init = new long[k];
        if (n >= k) {
            int[] perm = new int[n];
            for (int i = 0; i < n; i++) {
                perm[i] = i;
            }
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            for (int i = 0; i < k; i++) {
                init[i] = perm[i];
            }
        } else {
            for (int i = 0; i < k; i++) {
                init[i] = random.nextInt(n);
            }
        }
        NDManager parent = samples.getManager();
        long dim = samples.getShape().get(1);
        NDManager holder = parent.newSubManager(); // owns the current centroids and what is derived from them
        NDArray means;
        NDArray counts = null;
        try (NDArray idx = parent.create(init)) {
            means = samples.get(new NDIndex("{}", idx));
            means.attach(holder);
        }
        try (NDArray x2 = samples.square().sum(new int[] {1}, true)) {
            for (int it = 0; it < iterations; it++) {
                NDManager next = parent.newSubManager();
                try (NDManager scope = parent.newSubManager()) {
                    scope.tempAttachAll(samples, x2);
                    NDArray c2 = means.square().sum(new int[] {1}).expandDims(0);
                    NDArray dist = x2.sub(samples.matMul(means.transpose()).mul(2f)).add(c2);
                    NDArray buckets = dist.neg().argMax(1);
                    NDArray onehot = buckets.oneHot(k).toType(DataType.FLOAT32, false);
                    NDArray bins = onehot.sum(new int[] {0});
                    NDArray empty = bins.eq(0f).expandDims(1).broadcast(new Shape(k, dim));
                    NDArray newMeans = onehot.transpose().matMul(samples).div(bins.maximum(1f).expandDims(1));
                    NDArray updated = NDArrays.where(empty, means, newMeans);
                    updated.attach(next);
                    if (counts != null) {
                        counts.close();
                    }
                    counts = bins.toType(DataType.INT64, false);
                    counts.attach(parent);
                    means = updated;
                }
                holder.close();
                holder = next;
            }
        }
        means.attach(parent);
        holder.close();
        if (counts == null) {
            counts = parent.zeros(new Shape(k), DataType.INT64);
        }
        return new Result(means, counts);
    }

}
