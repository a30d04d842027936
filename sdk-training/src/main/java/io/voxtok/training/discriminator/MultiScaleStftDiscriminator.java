package io.voxtok.training.discriminator;

import ai.djl.ndarray.NDManager;

import java.util.ArrayList;
import java.util.List;

/**
 * EnCodec's {@code MultiScaleSTFTDiscriminator} with SpeechTokenizer's five resolutions (SPEC 2.8): one
 * {@code DiscriminatorSTFT} per STFT scale; 472 330 parameters at official size. Its logits are
 * {@code (B, 1, frames, F')} maps, returned flattened. Sub-discriminators are named {@code mstftd/n<n_fft>}.
 */
public final class MultiScaleStftDiscriminator extends DiscriminatorFamily {
    /** The trainer's name of this family. */
    public static final String FAMILY = "mstftd";

    private MultiScaleStftDiscriminator(NDManager manager, List<String> names, List<StftDiscriminator> subs) {
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
    public static MultiScaleStftDiscriminator create(NDManager parent, MultiScaleStftConfig config,
                                                     DiscriminatorInit init) {
        NDManager manager = parent.newSubManager();
        try {
            List<String> names = new ArrayList<>();
            List<StftDiscriminator> subs = new ArrayList<>();
            for (StftScale s : config.scales()) {
                names.add(FAMILY + "/n" + s.nFft());
                subs.add(new StftDiscriminator(manager, s, config.filters()));
            }
            MultiScaleStftDiscriminator d = new MultiScaleStftDiscriminator(manager, names, subs);
            init.initialize(d);
            return d;
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }
}
