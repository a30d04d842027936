/**
 * Training data for USLM: duration-bounded, bucketed, resumable batching
 * ({@link io.voxtok.plugin.uslm.data.DurationBatchSampler}) over an LM token corpus prepared by
 * {@code voxtok lm prepare} ({@link io.voxtok.data.lm.LmTokenCorpus}), and collation into the official padded
 * layout ({@link io.voxtok.plugin.uslm.data.UslmBatchCollator}).
 */
package io.voxtok.plugin.uslm.data;
