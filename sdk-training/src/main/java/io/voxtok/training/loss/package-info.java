/**
 * Loss terms of codec training, as the SpeechTokenizer trainer defines them (SPEC 2.7): multi-resolution log-mel L1
 * ({@link io.voxtok.training.loss.MultiResolutionMelLoss} over {@link io.voxtok.training.loss.MelSpectrogram} with a
 * torchaudio-identical {@link io.voxtok.training.loss.MelFilterbank}), time-domain L1, HiFi-GAN feature matching,
 * least-squares (or hinge) adversarial losses, semantic distillation, and their weighted sum
 * ({@link io.voxtok.training.loss.GeneratorLoss}). Everything is built from DJL {@code NDArray} operations, so it is
 * differentiable through the engine's autograd; results are float32 scalars attached to the manager of the
 * reconstruction (or of the first discriminator output), intermediates are freed before returning.
 */
package io.voxtok.training.loss;
