package io.voxtok.metrics.speaker;

import io.voxtok.api.VoxtokException;
import java.util.Arrays;

/**
 * The equal error rate of a verification system: the error rate at the decision threshold where the false
 * acceptance rate (non-target trials scoring at or above the threshold) equals the false rejection rate (target
 * trials scoring below it).
 *
 * <p>Both rates are step functions of the threshold, so they rarely meet exactly. The thresholds swept are the
 * distinct scores; between the last threshold where FAR exceeds FRR and the first where it does not, the two curves
 * are joined linearly and the EER is the value where the lines cross (the usual convex-interpolation convention of
 * speaker verification toolkits). A system that separates the two sets completely has EER 0.
 *
 * @param eer             the equal error rate in [0, 1]
 * @param threshold       the score threshold of the crossing (linearly interpolated between the two thresholds)
 * @param targetTrials    number of target (same-speaker) scores
 * @param nonTargetTrials number of non-target (different-speaker) scores
 */
public record EqualErrorRate(double eer, double threshold, int targetTrials, int nonTargetTrials) {

    /**
     * Computes the EER of two score sets (higher score = more likely the same speaker).
     *
     * @throws VoxtokException USER_INPUT when either set is empty or holds a non-finite score
     */
    public static EqualErrorRate of(double[] targetScores, double[] nonTargetScores) {
        if (targetScores.length == 0 || nonTargetScores.length == 0) {
            throw VoxtokException.userInput("the equal error rate needs target and non-target trials, got "
                    + targetScores.length + " target and " + nonTargetScores.length + " non-target");
        }
        double[] tar = sortedFinite(targetScores, "target");
        double[] non = sortedFinite(nonTargetScores, "non-target");
        double[] all = new double[tar.length + non.length];
        System.arraycopy(tar, 0, all, 0, tar.length);
        System.arraycopy(non, 0, all, tar.length, non.length);
        Arrays.sort(all);
        // sweep thresholds upwards: FAR falls from 1, FRR rises from 0
        double prevFar = 1;
        double prevFrr = 0;
        double prevThreshold = all[0];
        for (int i = 0; i < all.length; i++) {
            if (i > 0 && all[i] == all[i - 1]) {
                continue;
            }
            double t = all[i];
            double far = (non.length - lowerBound(non, t)) / (double) non.length;
            double frr = lowerBound(tar, t) / (double) tar.length;
            if (far <= frr) {
                double d0 = prevFar - prevFrr;
                double d1 = far - frr;
                double alpha = d0 - d1 == 0 ? 0 : d0 / (d0 - d1);
                double eer = prevFar + alpha * (far - prevFar);
                return new EqualErrorRate(eer, prevThreshold + alpha * (t - prevThreshold), tar.length, non.length);
            }
            prevFar = far;
            prevFrr = frr;
            prevThreshold = t;
        }
        // above the highest score everything is rejected: FAR 0, FRR 1
        double d0 = prevFar - prevFrr;
        double alpha = d0 / (d0 + 1);
        return new EqualErrorRate(prevFar + alpha * (0 - prevFar), prevThreshold, tar.length, non.length);
    }

    private static double[] sortedFinite(double[] scores, String what) {
        double[] s = scores.clone();
        for (double v : s) {
            if (!Double.isFinite(v)) {
                throw VoxtokException.userInput("a " + what + " trial score is not finite: " + v);
            }
        }
        Arrays.sort(s);
        return s;
    }

    /** Number of values in sorted {@code a} strictly below {@code t}. */
    private static int lowerBound(double[] a, double t) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
