package io.voxtok.training.discriminator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.voxtok.nn.conv.Padding1d;
import io.voxtok.nn.conv.PaddingMode;

import java.util.ArrayList;
import java.util.List;

/**
 * HiFi-GAN's {@code DiscriminatorP}: the waveform, reflect-padded on the right to a multiple of the period
 * {@code p}, folded to {@code (B, 1, L / p, p)} and scored by five weight-normed {@code Conv2d (5, 1)} layers
 * (strides 3, 3, 3, 3, 1; LeakyReLU 0.1, each a feature map) and {@code conv_post (3, 1)} (also a feature map).
 */
final class PeriodDiscriminator extends SubDiscriminator {
    private static final float SLOPE = 0.1f;
    private static final int[] CHANNELS = {1, 32, 128, 512, 1024, 1024};

    private final int period;
    private final LayerList<NormedConv> convs;
    private final NormedConv post;

    /**
     * @param manager      owner of the weights
     * @param period       the period {@code p}
     * @param widthDivisor official channel counts are divided by this (1 = official)
     */
    PeriodDiscriminator(NDManager manager, int period, int widthDivisor) {
        if (period < 1) {
            throw new IllegalArgumentException("period must be positive: " + period);
        }
        this.period = period;
        List<NormedConv> layers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long in = i == 0 ? 1 : Widths.divide(CHANNELS[i], widthDivisor);
            long out = Widths.divide(CHANNELS[i + 1], widthDivisor);
            long s = i < 4 ? 3 : 1;
            layers.add(new NormedConv(manager, ConvNorm.WEIGHT_NORM, new long[] {out, in, 5, 1},
                    new long[] {s, 1}, new long[] {2, 0}, new long[] {1, 1}, 1));
        }
        convs = child("convs", new LayerList<>(layers));
        long last = Widths.divide(CHANNELS[5], widthDivisor);
        post = child("conv_post", new NormedConv(manager, ConvNorm.WEIGHT_NORM, new long[] {1, last, 3, 1},
                new long[] {1, 1}, new long[] {1, 0}, new long[] {1, 1}, 1));
    }

    @Override
    Output score(NDArray x, boolean training) {
        long batch = x.getShape().get(0);
        long channels = x.getShape().get(1);
        long length = x.getShape().get(2);
        NDArray padded = x;
        if (length % period != 0) {
            int pad = (int) (period - length % period);
            padded = Padding1d.pad(x, 0, pad, PaddingMode.REFLECT);
            length += pad;
        }
        NDArray folded = padded.reshape(batch, channels, length / period, period);
        if (padded != x) {
            padded.close();
        }
        List<NDArray> fmaps = new ArrayList<>(convs.size() + 1);
        NDArray z = folded;
        for (NormedConv conv : convs.layers()) {
            NDArray y = conv.forward(z, training);
            if (z == folded) {
                folded.close();
            }
            z = leakyRelu(y, SLOPE);
            fmaps.add(z);
        }
        NDArray logits = post.forward(z, training);
        fmaps.add(logits);
        return new Output(flattenBatch(logits), fmaps);
    }
}
