package io.voxtok.plugin.uslm.generation;

/**
 * How to generate. Immutable.
 *
 * @param topK         top-k filter ({@code <= 0}: none, the official default; 1: greedy)
 * @param topP         nucleus mass ({@code 1}: none, the official value)
 * @param temperature  softmax temperature (official default 1)
 * @param seed         seed of the sampler
 * @param kvCache      use the KV-cached AR loop (same tokens as the official uncached loop, much faster)
 * @param maxFrames    extra limit on generated frames ({@code Integer.MAX_VALUE}: only the official
 *                     {@code 16 * x_lens} cap); the loop stops when this many frames exist
 * @param suppressEos  never stop on EOS (EOS is masked out before sampling; for benchmarks of a fixed length,
 *                     not official)
 * @param recordLogits keep the AR logits of every step and the NAR top-2 logits (tests, diagnostics)
 */
public record GenerationOptions(int topK, float topP, float temperature, long seed, boolean kvCache, int maxFrames,
                                boolean suppressEos, boolean recordLogits) {
    /** Validates. */
    public GenerationOptions {
        if (!(temperature > 0) || !(topP > 0 && topP <= 1) || maxFrames <= 0) {
            throw new IllegalArgumentException("invalid generation options: temperature " + temperature + ", top-p "
                    + topP + ", max frames " + maxFrames);
        }
    }

    /** Greedy ({@code top_k = 1}, what the fixtures run), KV cache on, official caps. */
    public static GenerationOptions greedy() {
        return new GenerationOptions(1, 1f, 1f, 0, true, Integer.MAX_VALUE, false, false);
    }

    /** A copy with the KV cache on or off. */
    public GenerationOptions withKvCache(boolean on) {
        return new GenerationOptions(topK, topP, temperature, seed, on, maxFrames, suppressEos, recordLogits);
    }

    /** A copy that records logits. */
    public GenerationOptions withRecordLogits(boolean on) {
        return new GenerationOptions(topK, topP, temperature, seed, kvCache, maxFrames, suppressEos, on);
    }

    /** A copy with another sampler. */
    public GenerationOptions withSampling(int k, float p, float t, long s) {
        return new GenerationOptions(k, p, t, s, kvCache, maxFrames, suppressEos, recordLogits);
    }

    /** A copy with a frame limit and EOS suppression (benchmarks). */
    public GenerationOptions withFixedLength(int frames) {
        return new GenerationOptions(topK, topP, temperature, seed, kvCache, frames, true, recordLogits);
    }
}
