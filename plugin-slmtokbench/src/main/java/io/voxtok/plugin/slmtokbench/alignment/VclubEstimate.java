package io.voxtok.plugin.slmtokbench.alignment;

/**
 * A vCLUB mutual-information estimate between tokens {@code x} and transcripts {@code y} (see
 * {@link VclubEstimator} for the formula), in nats and bits per utterance.
 *
 * @param nats             {@code I = positiveMean - negativeMean}, natural log
 * @param bits             {@code nats / ln 2}
 * @param positiveMean     {@code E_p(x,y)[log q(y|x)]}, nats: mean log-likelihood of matched pairs
 * @param negativeMean     {@code E_p(x)E_p(y)[log q(y|x)]}, nats: mean over token sequences of the mean log-likelihood
 *                         of their sampled transcript pairings
 * @param items            token sequences used (those whose own transcript is alignable)
 * @param negativePairs    (x, y) pairings that entered the negative term
 * @param infeasiblePairs  pairings left out because the transcript cannot be CTC-aligned to the token sequence
 *                         (too many characters for its frames: {@code log q = -inf})
 * @param droppedItems     token sequences left out because their own transcript cannot be aligned
 */
public record VclubEstimate(double nats, double bits, double positiveMean, double negativeMean, int items,
                            long negativePairs, long infeasiblePairs, int droppedItems) {
}
