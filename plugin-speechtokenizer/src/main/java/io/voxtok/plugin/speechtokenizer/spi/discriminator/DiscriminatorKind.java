package io.voxtok.plugin.speechtokenizer.spi.discriminator;

import ai.djl.ndarray.NDManager;
import io.voxtok.api.ComponentId;
import io.voxtok.training.discriminator.DiscriminatorFamily;
import io.voxtok.training.discriminator.DiscriminatorInit;
import io.voxtok.training.discriminator.MultiPeriodDiscriminator;
import io.voxtok.training.discriminator.MultiScaleDiscriminator;
import io.voxtok.training.discriminator.MultiScaleStftDiscriminator;
import io.voxtok.training.discriminator.StftScale;
import java.util.Collections;
import java.util.Set;

/**
 * The three discriminator families of the SpeechTokenizer trainer as SPI components: their component ids (the
 * trainer's family names, which are also the {@code disc_<family>.pt} file names), the options each understands,
 * how each is built and the shortest input each accepts.
 */
public enum DiscriminatorKind {
    /** HiFi-GAN multi-period discriminator; options {@code periods}, {@code widthDivisor}. */
    MPD(MultiPeriodDiscriminator.FAMILY,
            "SpeechTokenizer trainer's HiFi-GAN multi-period discriminator (periods 2, 3, 5, 7, 11);"
                    + " options: randomInit, seed, periods, widthDivisor",
            DiscriminatorOptions.PERIODS, DiscriminatorOptions.WIDTH_DIVISOR),
    /** HiFi-GAN multi-scale discriminator (spectral norm on sub 0); option {@code widthDivisor}. */
    MSD(MultiScaleDiscriminator.FAMILY,
            "SpeechTokenizer trainer's HiFi-GAN multi-scale discriminator (3 scales, spectral norm on the first);"
                    + " options: randomInit, seed, widthDivisor",
            DiscriminatorOptions.WIDTH_DIVISOR),
    /** EnCodec multi-scale STFT discriminator with five resolutions; option {@code filters}. */
    MSTFTD(MultiScaleStftDiscriminator.FAMILY,
            "SpeechTokenizer trainer's EnCodec multi-scale STFT discriminator (n_fft 1024, 2048, 512, 256, 128);"
                    + " options: randomInit, seed, filters",
            DiscriminatorOptions.FILTERS);

    /** The trainer's (and the official code's) audio rate: 16 kHz mono. */
    public static final int SAMPLE_RATE = 16000;

    private final String family;
    private final String description;
    private final Set<String> optionKeys;

    DiscriminatorKind(String family, String description, String... ownKeys) {
        this.family = family;
        this.description = description;
        java.util.TreeSet<String> keys = new java.util.TreeSet<>(DiscriminatorOptions.COMMON_KEYS);
        keys.addAll(java.util.List.of(ownKeys));
        this.optionKeys = Collections.unmodifiableSet(keys);
    }

    /** The trainer's family name: {@code mpd}, {@code msd} or {@code mstftd}. */
    public String family() {
        return family;
    }

    /** {@code <family>:default}. */
    public ComponentId id() {
        return ComponentId.of(family);
    }

    /** One line for {@code voxtok plugins}. */
    public String description() {
        return description;
    }

    /** Every option key this family accepts (the common ones included). */
    public Set<String> optionKeys() {
        return optionKeys;
    }

    /**
     * Builds the family with the options' size and the given initial weights.
     *
     * @param parent manager under which the family creates its own weight manager
     */
    DiscriminatorFamily build(NDManager parent, DiscriminatorOptions options, DiscriminatorInit init) {
        return switch (this) {
            case MPD -> MultiPeriodDiscriminator.create(parent, options.multiPeriod(), init);
            case MSD -> MultiScaleDiscriminator.create(parent, options.multiScale(), init);
            case MSTFTD -> MultiScaleStftDiscriminator.create(parent, options.multiScaleStft(), init);
        };
    }

    /**
     * The shortest input, in samples, the family can score: MPD reflect-pads each period's remainder, which PyTorch
     * allows only for a pad shorter than the input (so at least the longest period); the STFT discriminator uses
     * {@code center=False} frames (at least the longest {@code n_fft}); MSD's convolutions are all padded.
     */
    int minSamples(DiscriminatorOptions options) {
        return switch (this) {
            case MPD -> options.multiPeriod().periods().stream().mapToInt(Integer::intValue).max().orElse(1);
            case MSD -> 1;
            case MSTFTD -> options.multiScaleStft().scales().stream().mapToInt(StftScale::nFft).max().orElse(1);
        };
    }
}
