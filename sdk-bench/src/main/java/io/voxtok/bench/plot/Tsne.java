package io.voxtok.bench.plot;

import java.util.Random;

/**
 * Exact t-SNE (van der Maaten and Hinton, 2008) to two dimensions, for up to a few thousand points: Gaussian
 * input affinities with a per-point bandwidth found by bisection to match the perplexity, symmetrised; Student-t
 * output affinities; gradient descent with momentum (0.5 then 0.8), per-parameter gains, and early exaggeration
 * (x12 for the first {@value #EXAGGERATION_ITERATIONS} iterations). O(n^2) memory and time per iteration, which is
 * what "exact" costs; no Barnes-Hut approximation. Deterministic for a seed.
 */
public final class Tsne {
    /** Iterations with exaggerated input affinities. */
    public static final int EXAGGERATION_ITERATIONS = 100;
    private final double perplexity;
    private final int iterations;
    private final long seed;

    /**
     * @param perplexity effective number of neighbours (5 to 50; lowered to (n - 1) / 3 for few points)
     * @param iterations gradient steps (at least 250)
     * @param seed       seed of the initial layout
     */
    public Tsne(double perplexity, int iterations, long seed) {
        if (!(perplexity > 1) || iterations < 250) {
            throw new IllegalArgumentException("t-SNE needs perplexity > 1 and >= 250 iterations");
        }
        this.perplexity = perplexity;
        this.iterations = iterations;
        this.seed = seed;
    }

    /** The 2-D embedding {@code [n][2]} of the rows of {@code x} (at least 4 points, equal lengths). */
    public double[][] embed(double[][] x) {
        int n = x.length;
        if (n < 4) {
            throw new IllegalArgumentException("t-SNE needs at least 4 points, got " + n);
        }
        double[][] p = affinities(squaredDistances(x), Math.min(perplexity, (n - 1) / 3.0));
        Random rnd = new Random(seed);
        double[][] y = new double[n][2];
        for (double[] row : y) {
            row[0] = rnd.nextGaussian() * 1e-4;
            row[1] = rnd.nextGaussian() * 1e-4;
        }
        double[][] update = new double[n][2];
        double[][] gains = new double[n][2];
        for (double[] g : gains) {
            g[0] = 1;
            g[1] = 1;
        }
        double eta = Math.max(n / 12.0, 50);
        double[][] num = new double[n][n];
        for (int it = 0; it < iterations; it++) {
            double exaggeration = it < EXAGGERATION_ITERATIONS ? 12 : 1;
            double momentum = it < 250 ? 0.5 : 0.8;
            double sumQ = 0;
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    double dx = y[i][0] - y[j][0];
                    double dy = y[i][1] - y[j][1];
                    double q = 1 / (1 + dx * dx + dy * dy);
                    num[i][j] = q;
                    num[j][i] = q;
                    sumQ += 2 * q;
                }
            }
            for (int i = 0; i < n; i++) {
                double gx = 0;
                double gy = 0;
                for (int j = 0; j < n; j++) {
                    if (i == j) {
                        continue;
                    }
                    double mult = (exaggeration * p[i][j] - num[i][j] / sumQ) * num[i][j];
                    gx += 4 * mult * (y[i][0] - y[j][0]);
                    gy += 4 * mult * (y[i][1] - y[j][1]);
                }
                double[] grad = {gx, gy};
                for (int d = 0; d < 2; d++) {
                    // Delta-bar-delta gains: grow when the step keeps its direction, shrink when it flips.
                    gains[i][d] = Math.signum(grad[d]) != Math.signum(update[i][d]) ? gains[i][d] + 0.2
                            : Math.max(0.01, gains[i][d] * 0.8);
                    update[i][d] = momentum * update[i][d] - eta * gains[i][d] * grad[d];
                }
            }
            double mx = 0;
            double my = 0;
            for (int i = 0; i < n; i++) {
                y[i][0] += update[i][0];
                y[i][1] += update[i][1];
                mx += y[i][0] / n;
                my += y[i][1] / n;
            }
            for (double[] row : y) {
                row[0] -= mx;
                row[1] -= my;
            }
        }
        return y;
    }

    static double[][] squaredDistances(double[][] x) {
        int n = x.length;
        double[][] d = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double s = 0;
                for (int k = 0; k < x[i].length; k++) {
                    double diff = x[i][k] - x[j][k];
                    s += diff * diff;
                }
                d[i][j] = s;
                d[j][i] = s;
            }
        }
        return d;
    }

    /** Symmetric joint affinities P with each row's conditional entropy matched to log(perplexity). */
    static double[][] affinities(double[][] d, double perplexity) {
        int n = d.length;
        double target = Math.log(perplexity);
        double[][] p = new double[n][n];
        for (int i = 0; i < n; i++) {
            double beta = 1;
            double lo = 0;
            double hi = Double.POSITIVE_INFINITY;
            double minD = Double.POSITIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    minD = Math.min(minD, d[i][j]);
                }
            }
            for (int tries = 0; tries < 64; tries++) {
                double sum = 0;
                double sumDP = 0;
                for (int j = 0; j < n; j++) {
                    // Distances are shifted by the nearest one so exp() never underflows to all zeros.
                    double v = j == i ? 0 : Math.exp(-beta * (d[i][j] - minD));
                    p[i][j] = v;
                    sum += v;
                    sumDP += v * (d[i][j] - minD);
                }
                double h = Math.log(sum) + beta * sumDP / sum;
                for (int j = 0; j < n; j++) {
                    p[i][j] /= sum;
                }
                if (Math.abs(h - target) < 1e-5) {
                    break;
                }
                if (h > target) {
                    lo = beta;
                    beta = hi == Double.POSITIVE_INFINITY ? beta * 2 : (beta + hi) / 2;
                } else {
                    hi = beta;
                    beta = (beta + lo) / 2;
                }
            }
        }
        double[][] sym = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                sym[i][j] = Math.max((p[i][j] + p[j][i]) / (2.0 * n), 1e-12);
            }
        }
        return sym;
    }
}
