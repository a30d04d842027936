package io.voxtok.plugin.uslm.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.lm.TeacherForcedScore;
import io.voxtok.plugin.uslm.config.UslmConfig;
import io.voxtok.plugin.uslm.model.UslmNetwork;
import java.util.ArrayList;
import java.util.List;

/**
 * Teacher-forced score of one utterance: the official training forward ({@link UslmTrainingForward}) with dropout
 * off, the AR part and <em>every</em> NAR stage (instead of a random draw), batch size 1 (so the official AR loss
 * sees no padding: {@code T - 1} next-code targets and the final EOS). Sums and hit counts, to be added over a corpus.
 * Stateless; thread-safe as far as the network is.
 */
public final class UslmScorer {
    private final UslmNetwork net;
    private final UslmTrainingForward forward;

    /** A scorer of {@code net}. */
    public UslmScorer(UslmNetwork net) {
        this.net = net;
        this.forward = new UslmTrainingForward(net, StageSampler.fixed(1));
    }

    /**
     * Scores one utterance.
     *
     * @param parent  manager under which the temporaries live (a sub-manager is opened and closed)
     * @param textIds {@code <bos> ... <eos>} ids
     * @param codes   {@code codes[t][l]}, at least the model's quantizers per frame (extra layers are ignored)
     * @throws VoxtokException on empty input or ids/codes outside the model's tables
     */
    public TeacherForcedScore score(NDManager parent, long[] textIds, int[][] codes) {
        UslmConfig cfg = net.config();
        int q = cfg.numQuantizers();
        if (textIds.length == 0 || codes.length == 0) {
            throw VoxtokException.userInput("cannot score an utterance without text ids or frames");
        }
        for (long id : textIds) {
            if (id < 0 || id >= cfg.numTextTokens()) {
                throw VoxtokException.userInput("text id " + id + " is outside the model's table [0, "
                        + cfg.numTextTokens() + ")");
            }
        }
        int t = codes.length;
        long[] y = new long[t * q];
        for (int f = 0; f < t; f++) {
            if (codes[f].length < q) {
                throw VoxtokException.userInput("frame " + f + " has " + codes[f].length + " layers, the model reads " + q);
            }
            for (int l = 0; l < q; l++) {
                int c = codes[f][l];
                if (c < 0 || c >= cfg.numAudioTokens()) {
                    throw VoxtokException.userInput("code " + c + " at frame " + f + ", layer " + l
                            + " is outside the model's codebook [0, " + cfg.numAudioTokens() + ")");
                }
                y[f * q + l] = c;
            }
        }
        List<Integer> stages = new ArrayList<>();
        for (int s = 1; s < q; s++) {
            stages.add(s);
        }
        try (NDManager m = parent.newSubManager()) {
            UslmBatch batch = new UslmBatch(m.create(textIds, new Shape(1, textIds.length)),
                    m.create(new long[] {textIds.length}), m.create(y, new Shape(1, t, q)), m.create(new long[] {t}));
            UslmTrainingOutput out = forward.forwardParts(batch, true, stages, false);
            double ar = value(out.losses().get("loss_ar"));
            TopKAccuracy arAcc = out.metrics().get(0);
            double[] narLoss = new double[q - 1];
            long[] narHits = new long[q - 1];
            long[] narCounted = new long[q - 1];
            for (int s = 1; s < q; s++) {
                narLoss[s - 1] = value(out.losses().get("loss_nar_stage" + s));
                TopKAccuracy a = out.metrics().get(s);
                narHits[s - 1] = a.hits();
                narCounted[s - 1] = a.counted();
            }
            return new TeacherForcedScore(1, t, ar, arAcc.hits(), arAcc.counted(), narLoss, narHits, narCounted);
        }
    }

    private static double value(NDArray a) {
        try (NDArray d = a.stopGradient()) {
            return d.getFloat();
        }
    }
}
