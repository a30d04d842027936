package io.voxtok.plugin.slmtokbench.common;

import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.metrics.bench.SpeakerEmbedder;
import java.util.List;

/**
 * Cosine similarity of speaker embeddings from a {@link SpeakerEmbedder}. When the embedder asks for it
 * ({@link SpeakerEmbedder#standardise()}), embeddings are standardised per dimension with the mean and deviation
 * of a background set (the corpus' original utterances) first, so that similarity reflects differences between
 * voices rather than the shared offset of all speech. Immutable and thread-safe.
 */
public final class SpeakerSimilarity {
    // Keeps a constant dimension from dividing by zero; such a dimension then contributes nothing.
    private static final double MIN_STD = 1e-6;
    private final SpeakerEmbedder embedder;
    private final double[] mean;
    private final double[] std;

    private SpeakerSimilarity(SpeakerEmbedder embedder, double[] mean, double[] std) {
        this.embedder = embedder;
        this.mean = mean;
        this.std = std;
    }

    /** A similarity over {@code embedder}, standardised against {@code background} embeddings when asked. */
    public static SpeakerSimilarity fit(SpeakerEmbedder embedder, List<double[]> background) {
        if (!embedder.standardise() || background.size() < 2) {
            return new SpeakerSimilarity(embedder, null, null);
        }
        int d = background.get(0).length;
        double[] m = new double[d];
        double[] s = new double[d];
        for (double[] e : background) {
            for (int j = 0; j < d; j++) {
                m[j] += e[j] / background.size();
            }
        }
        for (double[] e : background) {
            for (int j = 0; j < d; j++) {
                s[j] += (e[j] - m[j]) * (e[j] - m[j]) / (background.size() - 1);
            }
        }
        for (int j = 0; j < d; j++) {
            s[j] = Math.max(MIN_STD, Math.sqrt(s[j]));
        }
        return new SpeakerSimilarity(embedder, m, s);
    }

    /** The embedding of any audio (brought to the embedder's mono rate first). */
    public double[] embed(AudioBuffer audio) {
        return embedder.embed(BenchmarkAudio.monoAt(audio, embedder.sampleRate()));
    }

    /** Cosine similarity of two embeddings from {@link #embed} (after standardisation when fitted). */
    public double cosine(double[] a, double[] b) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int j = 0; j < a.length; j++) {
            double x = mean == null ? a[j] : (a[j] - mean[j]) / std[j];
            double y = mean == null ? b[j] : (b[j] - mean[j]) / std[j];
            ab += x * y;
            aa += x * x;
            bb += y * y;
        }
        return aa == 0 || bb == 0 ? 0 : ab / Math.sqrt(aa * bb);
    }

    /** How the numbers were made, for reports. */
    public String description() {
        return embedder.name() + (mean == null ? ", raw cosine" : ", cosine after per-dimension standardisation");
    }
}
