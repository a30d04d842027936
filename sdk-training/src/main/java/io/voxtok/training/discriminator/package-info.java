/**
 * The three discriminator families of the SpeechTokenizer trainer (SPEC 2.8), trainable through DJL's PyTorch
 * autograd: {@link io.voxtok.training.discriminator.MultiPeriodDiscriminator} (HiFi-GAN MPD),
 * {@link io.voxtok.training.discriminator.MultiScaleDiscriminator} (HiFi-GAN MSD, spectral norm on the first
 * sub-discriminator) and {@link io.voxtok.training.discriminator.MultiScaleStftDiscriminator} (EnCodec MS-STFT
 * with SpeechTokenizer's five scales).
 *
 * <p>Every block carries the official PyTorch state-dict names ({@code discriminators.0.convs.0.weight_v}, ...), so
 * official checkpoints load and Voxtok checkpoints can be read by the official code. Initial weights come from a
 * {@link io.voxtok.training.discriminator.DiscriminatorInit}: PyTorch's default initialisation (seeded from Java),
 * the closed-form rule of the training parity fixture, or a state dict.
 *
 * <p>Ownership: each family owns an {@link ai.djl.ndarray.NDManager} (a sub-manager of the one it was created
 * with) holding its weights and buffers; outputs of a forward pass belong to the manager of the input audio.
 * Not thread-safe.
 */
package io.voxtok.training.discriminator;
