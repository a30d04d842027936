package io.voxtok.training.discriminator;

import ai.djl.ndarray.NDManager;

import java.util.ArrayList;
import java.util.List;

/**
 * HiFi-GAN's {@code MultiPeriodDiscriminator} (SPEC 2.8): one weight-normed 2-D sub-discriminator per period;
 * 41 105 770 parameters at official size. Sub-discriminators are named {@code mpd/p<period>}.
 */
public final class MultiPeriodDiscriminator extends DiscriminatorFamily {
    /** The trainer's name of this family. */
    public static final String FAMILY = "mpd";

    private MultiPeriodDiscriminator(NDManager manager, List<String> names, List<PeriodDiscriminator> subs) {
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
    public static MultiPeriodDiscriminator create(NDManager parent, MultiPeriodConfig config, DiscriminatorInit init) {
        NDManager manager = parent.newSubManager();
        try {
            List<String> names = new ArrayList<>();
            List<PeriodDiscriminator> subs = new ArrayList<>();
            for (int p : config.periods()) {
                names.add(FAMILY + "/p" + p);
                subs.add(new PeriodDiscriminator(manager, p, config.widthDivisor()));
            }
            MultiPeriodDiscriminator d = new MultiPeriodDiscriminator(manager, names, subs);
            init.initialize(d);
            return d;
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }
}
