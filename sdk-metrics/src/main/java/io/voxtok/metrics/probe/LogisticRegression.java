package io.voxtok.metrics.probe;

import java.util.Arrays;

/**
 * Multinomial logistic regression (softmax classifier) with L2 regularisation, fitted by full-batch gradient
 * descent with a backtracking (Armijo) line search. Features are standardised with the training set's mean and
 * standard deviation (constant features are dropped), so one regularisation strength suits features of any scale.
 * Fitting is deterministic: weights start at zero and no randomness is involved. Objective: mean cross-entropy +
 * {@code l2 / 2 * ||W||^2} (biases not penalised). Immutable once fitted.
 */
public final class LogisticRegression {
    /** Default L2 strength. */
    public static final double DEFAULT_L2 = 1e-2;
    /** Default iteration cap. */
    public static final int DEFAULT_ITERATIONS = 300;

    private final double[] mean;
    private final double[] invStd;
    private final double[][] weights;
    private final double[] bias;
    private final int iterations;

    private LogisticRegression(double[] mean, double[] invStd, double[][] weights, double[] bias, int iterations) {
        this.mean = mean;
        this.invStd = invStd;
        this.weights = weights;
        this.bias = bias;
        this.iterations = iterations;
    }

    /** Fits with {@link #DEFAULT_L2} and {@link #DEFAULT_ITERATIONS}. */
    public static LogisticRegression fit(double[][] x, int[] y, int classes) {
        return fit(x, y, classes, DEFAULT_L2, DEFAULT_ITERATIONS);
    }

    /**
     * Fits a classifier.
     *
     * @param x             training features, one row per example (all rows the same length)
     * @param y             labels in {@code [0, classes)}
     * @param classes       number of classes ({@code >= 2})
     * @param l2            L2 strength ({@code >= 0})
     * @param maxIterations gradient steps at most
     */
    public static LogisticRegression fit(double[][] x, int[] y, int classes, double l2, int maxIterations) {
        if (x.length == 0 || x.length != y.length || classes < 2 || l2 < 0 || maxIterations < 0) {
            throw new IllegalArgumentException("logistic regression: need examples with one label each, >= 2 classes,"
                    + " l2 >= 0 (got " + x.length + " examples, " + y.length + " labels, " + classes + " classes)");
        }
        int d = x[0].length;
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != d) {
                throw new IllegalArgumentException("logistic regression: example " + i + " has " + x[i].length
                        + " features, example 0 has " + d);
            }
            if (y[i] < 0 || y[i] >= classes) {
                throw new IllegalArgumentException("logistic regression: label " + y[i] + " outside [0, " + classes + ")");
            }
        }
        double[] mean = new double[d];
        double[] invStd = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j] / x.length;
            }
        }
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                double c = row[j] - mean[j];
                invStd[j] += c * c / x.length;
            }
        }
        for (int j = 0; j < d; j++) {
            // A constant feature carries nothing; a zero scale removes it instead of dividing by zero.
            invStd[j] = invStd[j] > 1e-24 ? 1 / Math.sqrt(invStd[j]) : 0;
        }
        double[][] z = new double[x.length][d];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < d; j++) {
                z[i][j] = (x[i][j] - mean[j]) * invStd[j];
            }
        }
        Objective f = new Objective(z, y, classes, l2);
        double[] w = new double[classes * (d + 1)];
        double[] g = new double[w.length];
        double[] trial = new double[w.length];
        double loss = f.lossAndGradient(w, g);
        double step = 1;
        int it = 0;
        for (; it < maxIterations; it++) {
            double g2 = dot(g, g);
            if (g2 < 1e-12) {
                break;
            }
            double trialLoss;
            while (true) {
                for (int k = 0; k < w.length; k++) {
                    trial[k] = w[k] - step * g[k];
                }
                trialLoss = f.lossAndGradient(trial, null);
                if (trialLoss <= loss - 0.5 * step * g2 || step < 1e-12) {
                    break;
                }
                step *= 0.5;
            }
            System.arraycopy(trial, 0, w, 0, w.length);
            loss = f.lossAndGradient(w, g);
            // Let the step grow again so a conservative early step does not slow every later one.
            step = Math.min(step * 2, 1e6);
        }
        double[][] weights = new double[classes][d];
        double[] bias = new double[classes];
        for (int c = 0; c < classes; c++) {
            System.arraycopy(w, c * (d + 1), weights[c], 0, d);
            bias[c] = w[c * (d + 1) + d];
        }
        return new LogisticRegression(mean, invStd, weights, bias, it);
    }

    /** Class probabilities of one example. */
    public double[] probabilities(double[] x) {
        if (x.length != mean.length) {
            throw new IllegalArgumentException("logistic regression: " + x.length + " features, fitted on " + mean.length);
        }
        double[] logits = new double[bias.length];
        for (int c = 0; c < bias.length; c++) {
            double s = bias[c];
            double[] wc = weights[c];
            for (int j = 0; j < x.length; j++) {
                s += wc[j] * (x[j] - mean[j]) * invStd[j];
            }
            logits[c] = s;
        }
        softmaxInPlace(logits);
        return logits;
    }

    /** The most probable class (lowest index on ties). */
    public int predict(double[] x) {
        double[] p = probabilities(x);
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return best;
    }

    /** Gradient steps taken by the fit. */
    public int iterations() {
        return iterations;
    }

    static void softmaxInPlace(double[] v) {
        double max = Arrays.stream(v).max().orElse(0);
        double sum = 0;
        for (int c = 0; c < v.length; c++) {
            v[c] = Math.exp(v[c] - max);
            sum += v[c];
        }
        for (int c = 0; c < v.length; c++) {
            v[c] /= sum;
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Mean cross-entropy + L2 over the flattened parameters {@code [c * (d + 1) + j]}, bias at {@code j = d}. */
    private record Objective(double[][] z, int[] y, int classes, double l2) {
        double lossAndGradient(double[] w, double[] grad) {
            int n = z.length;
            int d = z[0].length;
            if (grad != null) {
                Arrays.fill(grad, 0);
            }
            double loss = 0;
            double[] p = new double[classes];
            for (int i = 0; i < n; i++) {
                double[] zi = z[i];
                for (int c = 0; c < classes; c++) {
                    int o = c * (d + 1);
                    double s = w[o + d];
                    for (int j = 0; j < d; j++) {
                        s += w[o + j] * zi[j];
                    }
                    p[c] = s;
                }
                softmaxInPlace(p);
                loss -= Math.log(Math.max(p[y[i]], 1e-300)) / n;
                if (grad != null) {
                    for (int c = 0; c < classes; c++) {
                        double r = (p[c] - (c == y[i] ? 1 : 0)) / n;
                        if (r == 0) {
                            continue;
                        }
                        int o = c * (d + 1);
                        for (int j = 0; j < d; j++) {
                            grad[o + j] += r * zi[j];
                        }
                        grad[o + d] += r;
                    }
                }
            }
            for (int c = 0; c < classes; c++) {
                int o = c * (d + 1);
                for (int j = 0; j < d; j++) {
                    loss += 0.5 * l2 * w[o + j] * w[o + j];
                    if (grad != null) {
                        grad[o + j] += l2 * w[o + j];
                    }
                }
            }
            return loss;
        }
    }
}
