package io.voxtok.api.lm;

/**
 * Sampling settings for autoregressive generation. Immutable.
 *
 * @param temperature softmax temperature (> 0)
 * @param topK        keep the k most likely tokens (0 = all)
 * @param topP        nucleus mass (1 = all)
 * @param maxFrames   hard cap on generated frames
 */
public record SamplingParams(float temperature, int topK, float topP, int maxFrames) {
    /** Validates. */
    public SamplingParams {
        if (!(temperature > 0) || topK < 0 || !(topP > 0 && topP <= 1) || maxFrames <= 0) {
            throw new IllegalArgumentException("invalid sampling parameters");
        }
    }

    /** USLM/VALL-E defaults: temperature 1, top-k 100, top-p 1, 20 s at 50 Hz. */
    public static SamplingParams defaults() {
        return new SamplingParams(1.0f, 100, 1.0f, 1000);
    }
}
