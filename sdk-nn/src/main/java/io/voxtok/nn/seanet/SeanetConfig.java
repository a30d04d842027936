package io.voxtok.nn.seanet;

import io.voxtok.nn.conv.PaddingMode;

import java.util.Arrays;

/**
 * Hyper-parameters of a SEANet encoder/decoder pair (EnCodec's {@code SEANetEncoder}/{@code SEANetDecoder}
 * arguments; SPEC 1, 2.1, 4.1). Normalisation is always weight norm.
 *
 * @param channels             audio channels
 * @param dimension            latent dimension
 * @param nFilters             base width
 * @param nResidualLayers      residual blocks per stage
 * @param ratios               up-sampling ratios in decoder order (the encoder uses them reversed)
 * @param activation           activation at every site
 * @param kernelSize           kernel of the first convolution
 * @param lastKernelSize       kernel of the last convolution
 * @param residualKernelSize   kernel of the first convolution of each residual block
 * @param dilationBase         residual block {@code j} uses dilation {@code dilationBase^j}
 * @param causal               causal padding and trimming
 * @param padMode              padding mode of every convolution
 * @param compress             residual hidden width divisor
 * @param lstmLayers           layers of the skip-LSTM (0: none)
 * @param encoderBidirectional bidirectional encoder LSTM (the decoder's is always unidirectional)
 * @param trimRightRatio       causal transposed convolutions trim {@code ceil(P * ratio)} on the right
 */
public record SeanetConfig(int channels, int dimension, int nFilters, int nResidualLayers, int[] ratios,
                           SeanetActivation activation, int kernelSize, int lastKernelSize,
                           int residualKernelSize, int dilationBase, boolean causal, PaddingMode padMode,
                           int compress, int lstmLayers, boolean encoderBidirectional, double trimRightRatio) {

    /** Validates and copies the ratios. */
    public SeanetConfig {
        ratios = ratios.clone();
        positive("channels", channels);
        positive("dimension", dimension);
        positive("n_filters", nFilters);
        positive("kernel_size", kernelSize);
        positive("last_kernel_size", lastKernelSize);
        positive("residual_kernel_size", residualKernelSize);
        positive("dilation_base", dilationBase);
        positive("compress", compress);
        if (nResidualLayers < 0) {
            throw new IllegalArgumentException("n_residual_layers must be >= 0, got " + nResidualLayers);
        }
        if (lstmLayers < 0) {
            throw new IllegalArgumentException("lstm layers must be >= 0, got " + lstmLayers);
        }
        if (ratios.length == 0) {
            throw new IllegalArgumentException("ratios must not be empty");
        }
        for (int r : ratios) {
            positive("ratio", r);
        }
        if (trimRightRatio < 0 || trimRightRatio > 1) {
            throw new IllegalArgumentException("trim_right_ratio must be in [0, 1], got " + trimRightRatio);
        }
    }

    /**
     * SpeechTokenizer's SEANet (SPEC 2.1): mono, non-causal, reflect padding, kernels 7/7, compress 2.
     */
    public static SeanetConfig speechTokenizer(int nFilters, int dimension, int[] ratios, int lstmLayers,
                                               boolean bidirectional, int dilationBase, int residualKernelSize,
                                               int nResidualLayers, SeanetActivation activation) {
        return new SeanetConfig(1, dimension, nFilters, nResidualLayers, ratios, activation, 7, 7,
                residualKernelSize, dilationBase, false, PaddingMode.REFLECT, 2, lstmLayers, bidirectional, 1.0);
    }

    /**
     * EnCodec's SEANet with its defaults (SPEC 4.1): {@code n_filters 32, dimension 128, ratios [8,5,4,2]},
     * ELU, one residual layer, 2-layer unidirectional LSTM, reflect padding, weight norm.
     *
     * @param channels audio channels (1 for 24 kHz)
     * @param causal   true for the 24 kHz model
     */
    public static SeanetConfig encodec(int channels, boolean causal) {
        return new SeanetConfig(channels, 128, 32, 1, new int[] {8, 5, 4, 2}, SeanetActivation.ELU, 7, 7, 3, 2,
                causal, PaddingMode.REFLECT, 2, 2, false, 1.0);
    }

    /** Samples per latent frame: the product of the ratios. */
    public int hopLength() {
        int hop = 1;
        for (int r : ratios) {
            hop *= r;
        }
        return hop;
    }

    /** The ratios (copy). */
    @Override
    public int[] ratios() {
        return ratios.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeanetConfig c && channels == c.channels && dimension == c.dimension
                && nFilters == c.nFilters && nResidualLayers == c.nResidualLayers && Arrays.equals(ratios, c.ratios)
                && activation == c.activation && kernelSize == c.kernelSize && lastKernelSize == c.lastKernelSize
                && residualKernelSize == c.residualKernelSize && dilationBase == c.dilationBase
                && causal == c.causal && padMode == c.padMode && compress == c.compress
                && lstmLayers == c.lstmLayers && encoderBidirectional == c.encoderBidirectional
                && Double.compare(trimRightRatio, c.trimRightRatio) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ratios) + java.util.Objects.hash(channels, dimension, nFilters, nResidualLayers,
                activation, kernelSize, lastKernelSize, residualKernelSize, dilationBase, causal, padMode, compress,
                lstmLayers, encoderBidirectional, trimRightRatio);
    }

    @Override
    public String toString() {
        return "SeanetConfig[channels=" + channels + ", dimension=" + dimension + ", nFilters=" + nFilters
                + ", nResidualLayers=" + nResidualLayers + ", ratios=" + Arrays.toString(ratios) + ", activation="
                + activation + ", causal=" + causal + ", padMode=" + padMode + ", lstmLayers=" + lstmLayers
                + ", encoderBidirectional=" + encoderBidirectional + "]";
    }

    private static void positive(String name, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + v);
        }
    }
}
