/**
 * The SpeechTokenizer trainer's three discriminator families behind the public
 * {@link io.voxtok.api.discriminator.Discriminator} SPI: {@code mpd} (HiFi-GAN multi-period), {@code msd} (HiFi-GAN
 * multi-scale) and {@code mstftd} (EnCodec multi-scale STFT with SpeechTokenizer's five resolutions).
 *
 * <p>{@link io.voxtok.plugin.speechtokenizer.spi.discriminator.SpeechTokenizerDiscriminatorFactory} reads the weights
 * a training run writes ({@code disc_<family>.pt}), a trainer checkpoint ({@code discriminators.safetensors}) or the
 * training parity fixture's closed-form rule ({@code disc_init.json}), or draws PyTorch-default random weights;
 * {@link io.voxtok.plugin.speechtokenizer.spi.discriminator.SpeechTokenizerDiscriminator} scores audio in eval
 * mode.
 */
package io.voxtok.plugin.speechtokenizer.spi.discriminator;
