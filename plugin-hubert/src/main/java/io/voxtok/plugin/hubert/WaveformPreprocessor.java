package io.voxtok.plugin.hubert;

import java.util.Arrays;

/**
 * The input steps of the teacher before the network: optional zero-padding at the end to a minimum length
 * (SpeechTokenizer's {@code hubert_rep_extract.py} pads clips shorter than its 48 000-sample segment; longer ones
 * are not cut), then optional per-utterance normalisation as {@code Wav2Vec2FeatureExtractor} with
 * {@code do_normalize=True}: {@code (x - mean(x)) / sqrt(var(x) + 1e-7)} over the whole (padded) array, biased
 * variance. Statistics are accumulated in double. Immutable.
 *
 * @param normalize  whether to normalise
 * @param minSamples pad with zeros up to this many samples (0: never)
 */
public record WaveformPreprocessor(boolean normalize, int minSamples) {
    /** Validates. */
    public WaveformPreprocessor {
        if (minSamples < 0) {
            throw new IllegalArgumentException("minSamples must be >= 0");
        }
    }

    /** The network input for {@code samples} (a new array). */
    public float[] apply(float[] samples) {
        float[] x = Arrays.copyOf(samples, Math.max(samples.length, minSamples));
        if (!normalize || x.length == 0) {
            return x;
        }
        double mean = 0;
        for (float v : x) {
            mean += v;
        }
        mean /= x.length;
        double var = 0;
        for (float v : x) {
            double c = v - mean;
            var += c * c;
        }
        var /= x.length;
        float m = (float) mean;
        float scale = (float) Math.sqrt((float) var + 1e-7);
        for (int i = 0; i < x.length; i++) {
            x[i] = (x[i] - m) / scale;
        }
        return x;
    }
}
