package io.voxtok.training.discriminator;

import java.util.List;

/**
 * Size of a {@link MultiScaleStftDiscriminator}.
 *
 * @param filters channels of every hidden layer (official: 32)
 * @param scales  one sub-discriminator per STFT resolution, in order
 */
public record MultiScaleStftConfig(int filters, List<StftScale> scales) {
    /** Validates and copies. */
    public MultiScaleStftConfig {
        scales = List.copyOf(scales);
        if (filters < 1 || scales.isEmpty()) {
            throw new IllegalArgumentException("filters must be positive and scales not empty");
        }
    }

    /**
     * The trainer's {@code MultiScaleSTFTDiscriminator(32)}: n_fft = win = 1024, 2048, 512, 256, 128 with hop
     * n_fft / 4.
     */
    public static MultiScaleStftConfig official() {
        return new MultiScaleStftConfig(32, List.of(new StftScale(1024, 256, 1024), new StftScale(2048, 512, 2048),
                new StftScale(512, 128, 512), new StftScale(256, 64, 256), new StftScale(128, 32, 128)));
    }

    /** The same scales with {@code filters} channels. */
    public MultiScaleStftConfig withFilters(int filters) {
        return new MultiScaleStftConfig(filters, scales);
    }
}
