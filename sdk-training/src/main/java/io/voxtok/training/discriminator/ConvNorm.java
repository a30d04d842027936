package io.voxtok.training.discriminator;

/** How a discriminator convolution parametrises its weight, as the official modules wrap them. */
enum ConvNorm {
    /** A plain {@code weight} (EnCodec {@code NormConv2d(norm='none')}). */
    NONE,
    /** {@code torch.nn.utils.weight_norm}: parameters {@code weight_g}, {@code weight_v}; {@code w = g v / ||v||}. */
    WEIGHT_NORM,
    /**
     * {@code torch.nn.utils.spectral_norm}: parameter {@code weight_orig}, buffers {@code weight_u},
     * {@code weight_v}; {@code w = weight_orig / sigma}, one power iteration per training-mode call.
     */
    SPECTRAL_NORM
}
