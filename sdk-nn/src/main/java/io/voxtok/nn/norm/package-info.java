/**
 * Activation normalisations used inside convolutional codecs: EnCodec's {@code time_group_norm}
 * ({@code GroupNorm(1, C)} after a convolution) and a transposed convolution that normalises its full output
 * before trimming, as the official {@code SConvTranspose1d} does.
 */
package io.voxtok.nn.norm;
