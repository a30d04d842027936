package io.voxtok.training.discriminator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.util.ArrayList;
import java.util.List;

/**
 * HiFi-GAN's {@code DiscriminatorS}: seven {@code Conv1d} layers (LeakyReLU 0.1, each a feature map) and
 * {@code conv_post} (also a feature map), all weight-normed or all spectral-normed.
 */
final class ScaleDiscriminator extends SubDiscriminator {
    private static final float SLOPE = 0.1f;
    /** in, out, kernel, stride, groups, padding of the official layers. */
    private static final int[][] LAYERS = {
            {1, 128, 15, 1, 1, 7},
            {128, 128, 41, 2, 4, 20},
            {128, 256, 41, 2, 16, 20},
            {256, 512, 41, 4, 16, 20},
            {512, 1024, 41, 4, 16, 20},
            {1024, 1024, 41, 1, 16, 20},
            {1024, 1024, 5, 1, 1, 2},
    };

    private final LayerList<NormedConv> convs;
    private final NormedConv post;

    /**
     * @param manager      owner of the weights
     * @param norm         {@link ConvNorm#SPECTRAL_NORM} or {@link ConvNorm#WEIGHT_NORM}
     * @param widthDivisor official channel counts are divided by this (1 = official); the groups stay
     */
    ScaleDiscriminator(NDManager manager, ConvNorm norm, int widthDivisor) {
        checkWidth(widthDivisor);
        List<NormedConv> layers = new ArrayList<>();
        for (int[] l : LAYERS) {
            long in = l[0] == 1 ? 1 : Widths.divide(l[0], widthDivisor);
            long out = Widths.divide(l[1], widthDivisor);
            int groups = l[4];
            layers.add(new NormedConv(manager, norm, new long[] {out, in / groups, l[2]}, new long[] {l[3]},
                    new long[] {l[5]}, new long[] {1}, groups));
        }
        convs = child("convs", new LayerList<>(layers));
        long last = Widths.divide(LAYERS[LAYERS.length - 1][1], widthDivisor);
        post = child("conv_post", new NormedConv(manager, norm, new long[] {1, last, 3}, new long[] {1},
                new long[] {1}, new long[] {1}, 1));
    }

    /**
     * Checks that {@code widthDivisor} leaves every layer's channel counts whole and divisible by its groups.
     *
     * @throws IllegalArgumentException naming the first layer that does not fit
     */
    static void checkWidth(int widthDivisor) {
        for (int[] l : LAYERS) {
            long in = l[0] == 1 ? 1 : Widths.divide(l[0], widthDivisor);
            long out = Widths.divide(l[1], widthDivisor);
            if (in % l[4] != 0 || out % l[4] != 0) {
                throw new IllegalArgumentException("width divisor " + widthDivisor + " leaves " + in + " -> " + out
                        + " channels, not divisible by the " + l[4] + " groups of the official layer");
            }
        }
    }

    @Override
    Output score(NDArray x, boolean training) {
        List<NDArray> fmaps = new ArrayList<>(convs.size() + 1);
        NDArray z = x;
        for (NormedConv conv : convs.layers()) {
            z = leakyRelu(conv.forward(z, training), SLOPE);
            fmaps.add(z);
        }
        NDArray logits = post.forward(z, training);
        fmaps.add(logits);
        return new Output(flattenBatch(logits), fmaps);
    }
}
