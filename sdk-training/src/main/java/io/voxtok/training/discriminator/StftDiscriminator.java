package io.voxtok.training.discriminator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.util.ArrayList;
import java.util.List;

/**
 * EnCodec's {@code DiscriminatorSTFT} as SpeechTokenizer uses it: the normalised complex spectrogram as real and
 * imaginary channels, transposed to {@code (B, 2, frames, F)}, then {@code 2 -> f (3, 9)} (no norm), three
 * weight-normed {@code f -> f (3, 9)} layers with stride {@code (1, 2)} and time dilations 1, 2, 4, a weight-normed
 * {@code f -> f (3, 3)} (LeakyReLU 0.2 after each of these five, each a feature map) and the weight-normed
 * {@code conv_post f -> 1 (3, 3)}.
 */
final class StftDiscriminator extends SubDiscriminator {
    private static final float SLOPE = 0.2f;
    private static final int[] DILATIONS = {1, 2, 4};

    private final Spectrogram spec;
    private final LayerList<WrappedConv> convs;
    private final WrappedConv post;

    /**
     * @param manager owner of the weights
     * @param scale   the STFT resolution
     * @param filters channels of every hidden layer (32 in SpeechTokenizer)
     */
    StftDiscriminator(NDManager manager, StftScale scale, int filters) {
        if (filters < 1) {
            throw new IllegalArgumentException("filters must be positive: " + filters);
        }
        spec = child("spec_transform", new Spectrogram(manager, scale));
        List<WrappedConv> layers = new ArrayList<>();
        layers.add(new WrappedConv(new NormedConv(manager, ConvNorm.NONE, new long[] {filters, 2, 3, 9},
                new long[] {1, 1}, new long[] {1, 4}, new long[] {1, 1}, 1)));
        for (int d : DILATIONS) {
            layers.add(new WrappedConv(new NormedConv(manager, ConvNorm.WEIGHT_NORM,
                    new long[] {filters, filters, 3, 9}, new long[] {1, 2}, new long[] {d, 4}, new long[] {d, 1}, 1)));
        }
        layers.add(new WrappedConv(new NormedConv(manager, ConvNorm.WEIGHT_NORM, new long[] {filters, filters, 3, 3},
                new long[] {1, 1}, new long[] {1, 1}, new long[] {1, 1}, 1)));
        convs = child("convs", new LayerList<>(layers));
        post = child("conv_post", new WrappedConv(new NormedConv(manager, ConvNorm.WEIGHT_NORM,
                new long[] {1, filters, 3, 3}, new long[] {1, 1}, new long[] {1, 1}, new long[] {1, 1}, 1)));
    }

    @Override
    Output score(NDArray x, boolean training) {
        NDArray z;
        try (NDArray s = spec.forward(x, training)) {
            z = s.transpose(0, 1, 3, 2); // b c w t -> b c t w
        }
        NDArray input = z;
        List<NDArray> fmaps = new ArrayList<>(convs.size());
        for (WrappedConv conv : convs.layers()) {
            NDArray y = conv.forward(z, training);
            if (z == input) {
                input.close();
            }
            z = leakyRelu(y, SLOPE);
            fmaps.add(z);
        }
        try (NDArray logits = post.forward(z, training)) {
            return new Output(flattenBatch(logits), fmaps);
        }
    }
}
