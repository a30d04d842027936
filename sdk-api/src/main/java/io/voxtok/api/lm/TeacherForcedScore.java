package io.voxtok.api.lm;

import java.util.Arrays;

/**
 * Teacher-forced statistics of a language model on one utterance (or a sum over several): summed cross-entropies
 * (nats) and top-10 hit counts of the AR part (RVQ-1, EOS target included in the loss, excluded from the
 * accuracy, as the official USLM metrics) and of every NAR stage (stage {@code s} predicts RVQ-{@code s+1}).
 * Immutable; {@link #plus} adds two scores.
 *
 * @param utterances utterances summed
 * @param frames     code frames summed (the official normaliser {@code sum(y_lens)})
 * @param arLoss     summed AR cross-entropy over the frames' next-code and EOS targets
 * @param arHits     AR positions whose (non-EOS) target is among the 10 largest logits
 * @param arCounted  AR positions counted for accuracy (non-EOS targets)
 * @param narLoss    summed cross-entropy per NAR stage (index 0 = stage 1 = RVQ-2)
 * @param narHits    top-10 hits per NAR stage
 * @param narCounted positions per NAR stage
 */
public record TeacherForcedScore(long utterances, long frames, double arLoss, long arHits, long arCounted,
                                 double[] narLoss, long[] narHits, long[] narCounted) {
    /** Copies the arrays and checks they agree. */
    public TeacherForcedScore {
        narLoss = narLoss.clone();
        narHits = narHits.clone();
        narCounted = narCounted.clone();
        if (narHits.length != narLoss.length || narCounted.length != narLoss.length) {
            throw new IllegalArgumentException("NAR arrays of different lengths");
        }
    }

    /** An empty score for a model with {@code narStages} NAR stages. */
    public static TeacherForcedScore empty(int narStages) {
        return new TeacherForcedScore(0, 0, 0, 0, 0, new double[narStages], new long[narStages], new long[narStages]);
    }

    /** The element-wise sum. */
    public TeacherForcedScore plus(TeacherForcedScore o) {
        if (o.narLoss.length != narLoss.length) {
            throw new IllegalArgumentException("scores of models with different NAR stage counts");
        }
        double[] l = narLoss.clone();
        long[] h = narHits.clone();
        long[] c = narCounted.clone();
        for (int i = 0; i < l.length; i++) {
            l[i] += o.narLoss[i];
            h[i] += o.narHits[i];
            c[i] += o.narCounted[i];
        }
        return new TeacherForcedScore(utterances + o.utterances, frames + o.frames, arLoss + o.arLoss,
                arHits + o.arHits, arCounted + o.arCounted, l, h, c);
    }

    /** NAR stages. */
    public int narStages() {
        return narLoss.length;
    }

    /** AR loss per frame. */
    public double arLossPerFrame() {
        return arLoss / frames;
    }

    /** AR top-10 accuracy. */
    public double arAccuracy() {
        return arHits / (double) arCounted;
    }

    /** Loss per frame of NAR stage {@code s} (1-based). */
    public double narLossPerFrame(int s) {
        return narLoss[s - 1] / narCounted[s - 1];
    }

    /** Top-10 accuracy of NAR stage {@code s} (1-based). */
    public double narAccuracy(int s) {
        return narHits[s - 1] / (double) narCounted[s - 1];
    }

    /** Mean loss per frame of stages {@code from..to} (1-based, inclusive), each stage weighted by its positions. */
    public double narLossPerFrame(int from, int to) {
        double l = 0;
        long c = 0;
        for (int s = from; s <= to; s++) {
            l += narLoss[s - 1];
            c += narCounted[s - 1];
        }
        return l / c;
    }

    /** Top-10 accuracy over stages {@code from..to} (1-based, inclusive). */
    public double narAccuracy(int from, int to) {
        long h = 0;
        long c = 0;
        for (int s = from; s <= to; s++) {
            h += narHits[s - 1];
            c += narCounted[s - 1];
        }
        return h / (double) c;
    }

    /**
     * The counterpart of the official {@code train_stage 0} loss per frame with every NAR stage scored:
     * {@code (AR + NAR stage 1 + mean of NAR stages 2..last) / 2}, each term per frame.
     */
    public double lossPerFrame() {
        return (arLossPerFrame() + narLossPerFrame(1) + narLossPerFrame(2, narStages())) / 2;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TeacherForcedScore s && s.utterances == utterances && s.frames == frames
                && Double.compare(s.arLoss, arLoss) == 0 && s.arHits == arHits && s.arCounted == arCounted
                && Arrays.equals(s.narLoss, narLoss) && Arrays.equals(s.narHits, narHits)
                && Arrays.equals(s.narCounted, narCounted);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new double[] {utterances, frames, arLoss, arHits, arCounted}) * 31
                + Arrays.hashCode(narLoss);
    }

    @Override
    public String toString() {
        return "TeacherForcedScore[utterances=" + utterances + ", frames=" + frames + ", arLoss=" + arLoss
                + ", narLoss=" + Arrays.toString(narLoss) + "]";
    }
}
