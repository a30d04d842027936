package io.voxtok.api.discriminator;

import java.util.List;

/**
 * A discriminator's input rate and the names of its sub-discriminators ({@code mpd/p2}, {@code msd/s1},
 * {@code mstft/1024}). Immutable.
 *
 * @param sampleRate        input rate in Hz
 * @param subDiscriminators names, in the order scores are returned
 */
public record DiscriminatorSpec(int sampleRate, List<String> subDiscriminators) {
    /** Copies the list. */
    public DiscriminatorSpec {
        subDiscriminators = List.copyOf(subDiscriminators);
    }
}
