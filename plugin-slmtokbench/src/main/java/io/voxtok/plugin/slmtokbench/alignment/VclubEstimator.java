package io.voxtok.plugin.slmtokbench.alignment;

import io.voxtok.api.VoxtokException;

/**
 * The vCLUB estimate of SPEC 7.2 (Cheng et al. 2020) from per-pair log-likelihoods of a variational model
 * {@code q(y|x)}; here {@code log q(y|x) = -CTC(probe(x), y)} in nats:
 * <pre>
 *   I_vCLUB = E_p(x,y)[log q(y|x)] - E_p(x)E_p(y)[log q(y|x)]
 *           = (1/N) sum_i log q(y_i|x_i) - (1/N) sum_i (1/|J_i|) sum_{j in J_i} log q(y_j|x_i)
 * </pre>
 * {@code J_i} is the set of transcripts paired with token sequence {@code i} ({@link NegativePairs}); with
 * {@code J_i = {1..N}} for every {@code i} this is exactly {@code (1/N^2) sum_i sum_j [log q(y_i|x_i) - log q(y_j|x_i)]}
 * of the spec. Pairings whose log-likelihood is {@code -inf} (the transcript cannot be aligned to that many frames)
 * are left out of their row's mean and counted; a token sequence whose own pair is {@code -inf}, or that keeps no
 * finite pairing, is left out of both terms and counted. Pure arithmetic, stateless.
 */
public final class VclubEstimator {
    private VclubEstimator() {
    }

    /**
     * @param positive  {@code log q(y_i|x_i)} per item, nats
     * @param negatives {@code negatives[i]}: {@code log q(y_j|x_i)} for every {@code j} in {@code J_i}, nats
     *                  ({@code -inf} for an impossible pairing)
     * @return the estimate
     * @throws VoxtokException when the arrays disagree, a value is NaN or +inf, or no item remains
     */
    public static VclubEstimate estimate(double[] positive, double[][] negatives) {
        if (positive.length != negatives.length) {
            throw VoxtokException.userInput("vCLUB: " + positive.length + " positive values but "
                    + negatives.length + " negative rows");
        }
        double posSum = 0;
        double negSum = 0;
        int items = 0;
        long pairs = 0;
        long infeasible = 0;
        int dropped = 0;
        for (int i = 0; i < positive.length; i++) {
            check(positive[i], i);
            double rowSum = 0;
            int rowCount = 0;
            long rowInfeasible = 0;
            for (double v : negatives[i]) {
                check(v, i);
                if (v == Double.NEGATIVE_INFINITY) {
                    rowInfeasible++;
                } else {
                    rowSum += v;
                    rowCount++;
                }
            }
            if (positive[i] == Double.NEGATIVE_INFINITY || rowCount == 0) {
                dropped++;
                continue;
            }
            posSum += positive[i];
            negSum += rowSum / rowCount;
            items++;
            pairs += rowCount;
            infeasible += rowInfeasible;
        }
        if (items == 0) {
            throw VoxtokException.userInput("vCLUB: no token sequence can be aligned to its transcript");
        }
        double posMean = posSum / items;
        double negMean = negSum / items;
        double nats = posMean - negMean;
        return new VclubEstimate(nats, nats / Math.log(2), posMean, negMean, items, pairs, infeasible, dropped);
    }

    private static void check(double v, int item) {
        if (Double.isNaN(v) || v == Double.POSITIVE_INFINITY) {
            throw VoxtokException.userInput("vCLUB: log-likelihood " + v + " for item " + item);
        }
    }
}
