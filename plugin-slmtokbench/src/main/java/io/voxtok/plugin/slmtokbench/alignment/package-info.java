/**
 * SLMTokBench text alignment (SPEC 7.2): a BiLSTM-CTC probe {@code q(y|x)} trained on discrete speech tokens to
 * predict characters, the vCLUB mutual-information estimate between tokens and transcripts with
 * {@code log q(y|x) = -CTC}, and the probe's greedy-decoding WER/CER. Entry point:
 * {@link io.voxtok.plugin.slmtokbench.alignment.TextAlignmentProbe#run}. Inputs are in-memory token matrices and
 * transcripts ({@link io.voxtok.plugin.slmtokbench.alignment.ProbeData}), independent of how the tokens were made.
 */
package io.voxtok.plugin.slmtokbench.alignment;
