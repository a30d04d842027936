package io.voxtok.metrics.speaker;

import io.voxtok.api.VoxtokException;
import java.util.List;

/**
 * All same/different-speaker trials of a set of labelled utterance embeddings: every unordered pair of distinct
 * utterances is one trial, scored by the cosine of its two embeddings; a trial is a target trial when both carry
 * the same speaker label. Stateless.
 */
public final class SpeakerTrials {
    private SpeakerTrials() {
    }

    /**
     * The cosine similarity of two embeddings of equal length (0 when either is all zeros).
     *
     * @throws VoxtokException USER_INPUT when the lengths differ
     */
    public static double cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            throw VoxtokException.userInput("embeddings of different lengths: " + a.length + " and " + b.length);
        }
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    /**
     * Scores all pairs and returns the equal error rate.
     *
     * @param embeddings one embedding per utterance
     * @param speakers   the speaker of each utterance (same order)
     * @throws VoxtokException USER_INPUT when the lists differ in length, or there is no target or no non-target
     *                         trial (fewer than two speakers, or no speaker with two utterances)
     */
    public static EqualErrorRate equalErrorRate(List<float[]> embeddings, List<String> speakers) {
        if (embeddings.size() != speakers.size()) {
            throw VoxtokException.userInput(embeddings.size() + " embeddings but " + speakers.size() + " speaker labels");
        }
        int n = embeddings.size();
        int targets = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (speakers.get(i).equals(speakers.get(j))) {
                    targets++;
                }
            }
        }
        long pairs = (long) n * (n - 1) / 2;
        if (pairs > Integer.MAX_VALUE / 2) {
            throw VoxtokException.userInput(n + " utterances give too many trials; score a subset");
        }
        double[] tar = new double[targets];
        double[] non = new double[(int) pairs - targets];
        int t = 0;
        int u = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double s = cosine(embeddings.get(i), embeddings.get(j));
                if (speakers.get(i).equals(speakers.get(j))) {
                    tar[t++] = s;
                } else {
                    non[u++] = s;
                }
            }
        }
        return EqualErrorRate.of(tar, non);
    }
}
