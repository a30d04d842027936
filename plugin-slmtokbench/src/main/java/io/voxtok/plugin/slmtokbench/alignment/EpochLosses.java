package io.voxtok.plugin.slmtokbench.alignment;

/**
 * One point of the probe's learning curve. Losses are CTC negative log-likelihoods per target character, in nats
 * (torch's {@code reduction='mean'}: each utterance's loss divided by its transcript length), averaged over the
 * split's utterances.
 *
 * @param epoch     1-based epoch
 * @param trainLoss mean training loss over the epoch's batches (weighted by batch size; the weights moved during
 *                  the epoch)
 * @param devLoss   dev loss after the epoch
 * @param seconds   wall time of the epoch including the dev pass
 */
public record EpochLosses(int epoch, double trainLoss, double devLoss, double seconds) {
}
