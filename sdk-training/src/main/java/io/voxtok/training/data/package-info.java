/**
 * Training data: the utterances of a split with their cached teacher features ({@link
 * io.voxtok.training.data.TrainingCorpus}, {@link io.voxtok.training.data.SpeakerSplit}), seeded random crops
 * batched deterministically ({@link io.voxtok.training.data.CropSampler}, {@link
 * io.voxtok.training.data.EpochPlan}, {@link io.voxtok.training.data.SamplerPosition}), background loading that keeps
 * that order ({@link io.voxtok.training.data.PrefetchingBatchSource}) and the fixed validation view ({@link
 * io.voxtok.training.data.ValidationSet}).
 *
 * <p>Everything here is plain Java arrays: no DJL engine is touched, so loader threads never interfere with the
 * trainer's per-thread gradient mode. Teacher features are {@code (frames, dim)} per utterance, never the
 * {@code (1, frames, dim)} layout of the official extraction script (SPEC 2.7).
 */
package io.voxtok.training.data;
