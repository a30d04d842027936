package io.voxtok.training.discriminator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.ArrayList;
import java.util.List;

/**
 * HiFi-GAN's {@code MultiScaleDiscriminator} (SPEC 2.8): sub-discriminator {@code i} scores the audio after
 * {@code i} applications of {@code AvgPool1d(4, 2, padding=2)} (zeros counted in the average); the first is
 * spectral-normed, the others weight-normed; 29 618 821 parameters at official size. Sub-discriminators are named
 * {@code msd/s<i>}.
 */
public final class MultiScaleDiscriminator extends DiscriminatorFamily {
    /** The trainer's name of this family. */
    public static final String FAMILY = "msd";

    private static final Shape POOL_KERNEL = new Shape(4);
    private static final Shape POOL_STRIDE = new Shape(2);
    private static final Shape POOL_PADDING = new Shape(2);

    private MultiScaleDiscriminator(NDManager manager, List<String> names, List<ScaleDiscriminator> subs) {
        super(FAMILY, manager, names, subs);
    }

    /**
     * Builds and initialises the discriminator.
     *
     * @param parent manager under which the weights' own sub-manager is created
     * @param config size
     * @param init   initial weights
     * @return the discriminator; close it to free the weights
     */
    public static MultiScaleDiscriminator create(NDManager parent, MultiScaleConfig config, DiscriminatorInit init) {
        NDManager manager = parent.newSubManager();
        try {
            List<String> names = new ArrayList<>();
            List<ScaleDiscriminator> subs = new ArrayList<>();
            for (int i = 0; i < config.scales(); i++) {
                names.add(FAMILY + "/s" + i);
                subs.add(new ScaleDiscriminator(manager, i == 0 ? ConvNorm.SPECTRAL_NORM : ConvNorm.WEIGHT_NORM,
                        config.widthDivisor()));
            }
            MultiScaleDiscriminator d = new MultiScaleDiscriminator(manager, names, subs);
            init.initialize(d);
            return d;
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    @Override
    NDArray inputOf(int index, NDArray previous) {
        if (index == 0) {
            return previous;
        }
        return previous.getNDArrayInternal().avgPool(POOL_KERNEL, POOL_STRIDE, POOL_PADDING, false, true);
    }
}
