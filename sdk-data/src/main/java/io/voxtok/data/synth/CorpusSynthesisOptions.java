package io.voxtok.data.synth;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@link CorpusSynthesizer} builds.
 *
 * @param outputDir folder of the corpus (created; an unfinished build there is resumed)
 * @param hours     target amount of audio; the plan uses {@link CorpusSynthesizer#MEAN_UTTERANCE_SECONDS} per
 *                  utterance, so the real total differs by a few percent (see {@code CorpusStats})
 * @param speakers  number of synthetic speakers, 3 to {@link SpeakerPlan#MAX_SPEAKERS}
 * @param flac      true for 16-bit FLAC, false for 16-bit WAV
 * @param workers   parallel synthesis processes (>= 1)
 * @param seed      seed of the sentence generator
 */
public record CorpusSynthesisOptions(Path outputDir, double hours, int speakers, boolean flac, int workers, long seed) {
    /** Validates. */
    public CorpusSynthesisOptions {
        Objects.requireNonNull(outputDir, "outputDir is null");
        if (!(hours > 0) || hours > 1000) {
            throw new IllegalArgumentException("hours must be in (0, 1000], got " + hours);
        }
        if (workers < 1 || workers > 64) {
            throw new IllegalArgumentException("workers must be in [1, 64], got " + workers);
        }
        new SpeakerPlan(speakers);
    }

    /** FLAC, 2 workers, seed 1. */
    public static CorpusSynthesisOptions of(Path outputDir, double hours, int speakers) {
        return new CorpusSynthesisOptions(outputDir, hours, speakers, true, 2, 1);
    }
}
