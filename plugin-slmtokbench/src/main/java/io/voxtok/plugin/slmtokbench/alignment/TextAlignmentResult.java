package io.voxtok.plugin.slmtokbench.alignment;

import io.voxtok.metrics.EditCounts;
import java.util.List;

/**
 * Outcome of one {@link TextAlignmentProbe#run}: the vCLUB mutual information and the probe's WER/CER on the test
 * split, the learning curve and what produced them.
 *
 * @param preset             the probe settings
 * @param seed               the run seed
 * @param mutualInformation  vCLUB estimate on the test split (nats and bits per utterance)
 * @param probeWer           corpus WER of greedy CTC decoding on the test split (fraction; {@code TextNormalizer})
 * @param probeCer           corpus CER, same definition
 * @param wordEdits          summed word edits behind {@code probeWer}
 * @param charEdits          summed character edits behind {@code probeCer}
 * @param curve              train and dev loss per epoch
 * @param epochs             epochs trained
 * @param bestEpoch          the epoch whose weights were evaluated (lowest dev loss)
 * @param parameters         trainable values of the probe
 * @param characters         the character vocabulary (blank excluded), from the normalised training transcripts
 * @param codebookLayers     token layers per frame of the input
 * @param trainUtterances    training utterances used
 * @param skippedTrain       training utterances left out because their transcript has more characters (plus
 *                           blanks between repeats) than they have frames
 * @param wallSeconds        total wall time
 */
public record TextAlignmentResult(ProbePreset preset, long seed, VclubEstimate mutualInformation, double probeWer,
                                  double probeCer, EditCounts wordEdits, EditCounts charEdits,
                                  List<EpochLosses> curve, int epochs, int bestEpoch, long parameters,
                                  String characters, int codebookLayers, int trainUtterances, int skippedTrain,
                                  double wallSeconds) {
    /** Copies the curve. */
    public TextAlignmentResult {
        curve = List.copyOf(curve);
    }
}
