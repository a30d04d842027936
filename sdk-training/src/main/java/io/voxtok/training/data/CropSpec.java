package io.voxtok.training.data;

/**
 * How training batches are cut: every item becomes a crop of {@code segmentSamples} samples at
 * {@code sampleRate}, its teacher features the matching {@code segmentSamples / hop} frames, and
 * {@code batchSize} crops make a batch. {@code seed} fixes the shuffle and the crop positions of every epoch
 * (see {@link EpochPlan}).
 *
 * <p>The defaults are those of the SpeechTokenizer trainer (SPEC 2.7): 3 s crops at 16 kHz (48 000 samples,
 * 150 teacher frames at hop 320), batch 6.
 *
 * @param sampleRate     audio is converted to this rate (Hz)
 * @param segmentSamples crop length in samples; a multiple of {@code hop}
 * @param hop            samples per teacher frame (HuBERT: 320 at 16 kHz, i.e. 50 frames per second)
 * @param batchSize      crops per batch
 * @param seed           the run's data seed
 */
public record CropSpec(int sampleRate, int segmentSamples, int hop, int batchSize, long seed) {
    /** 16 kHz, the SpeechTokenizer sample rate. */
    public static final int DEFAULT_SAMPLE_RATE = 16_000;
    /** 3 s at 16 kHz. */
    public static final int DEFAULT_SEGMENT = 48_000;
    /** HuBERT's frame hop at 16 kHz. */
    public static final int DEFAULT_HOP = 320;
    /** The official trainer's batch size. */
    public static final int DEFAULT_BATCH = 6;

    /** Validates. */
    public CropSpec {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        }
        if (hop <= 0 || segmentSamples <= 0 || segmentSamples % hop != 0) {
            throw new IllegalArgumentException("segment (" + segmentSamples + " samples) must be a positive multiple "
                    + "of the hop (" + hop + ")");
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
    }

    /** 16 kHz, 48 000-sample crops, hop 320, the given batch size and seed. */
    public static CropSpec of(int batchSize, long seed) {
        return new CropSpec(DEFAULT_SAMPLE_RATE, DEFAULT_SEGMENT, DEFAULT_HOP, batchSize, seed);
    }

    /** Teacher frames per crop: {@code segmentSamples / hop} (150 by default). */
    public int segmentFrames() {
        return segmentSamples / hop;
    }

    /** The same spec with another batch size. */
    public CropSpec withBatchSize(int b) {
        return new CropSpec(sampleRate, segmentSamples, hop, b, seed);
    }

    /** The same spec with another crop length. */
    public CropSpec withSegment(int samples) {
        return new CropSpec(sampleRate, samples, hop, batchSize, seed);
    }
}
