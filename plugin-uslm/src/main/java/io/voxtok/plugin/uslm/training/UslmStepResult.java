package io.voxtok.plugin.uslm.training;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Metrics of one {@link UslmTrainer} step. Losses are per code frame (the official sum-reduced losses divided by
 * {@code sum(y_lens)}, as vall-e's trainer logs them); accuracies are the official top-10 hit rates
 * (hits / counted); absent parts (AR for {@code train_stage} 2, NAR for 1) are {@code NaN}.
 *
 * @param step        completed steps after this one
 * @param loss        the official total loss per frame (halved sum for {@code train_stage} 0)
 * @param arLoss      AR loss per frame
 * @param narL2Loss   NAR stage 1 (RVQ-2) loss per frame
 * @param narKLoss    loss per frame of the drawn NAR stage (RVQ-3..8)
 * @param narStage    the drawn stage (2..7), or 0
 * @param arAcc       AR top-10 accuracy
 * @param narL2Acc    NAR RVQ-2 top-10 accuracy
 * @param narKAcc     drawn stage's top-10 accuracy
 * @param frames      code frames in the batch
 * @param utterances  utterances in the batch
 * @param gradNorm    L2 norm of the gradient before clipping
 * @param lr          learning rate used
 * @param skipped     the update was skipped (non-finite loss or gradient)
 * @param seconds     wall time of the step
 */
public record UslmStepResult(long step, double loss, double arLoss, double narL2Loss, double narKLoss, int narStage,
                             double arAcc, double narL2Acc, double narKAcc, long frames, int utterances,
                             double gradNorm, double lr, boolean skipped, double seconds) {
    /** The JSONL fields (absent parts left out). */
    public Map<String, Double> toMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("loss", loss);
        put(m, "ar_loss", arLoss);
        put(m, "ar_top10_acc", arAcc);
        put(m, "nar_l2_loss", narL2Loss);
        put(m, "nar_l2_top10_acc", narL2Acc);
        put(m, "nar_l3_8_loss", narKLoss);
        put(m, "nar_l3_8_top10_acc", narKAcc);
        if (narStage > 0) {
            m.put("nar_stage", (double) narStage);
        }
        m.put("lr", lr);
        m.put("grad_norm", gradNorm);
        m.put("frames", (double) frames);
        m.put("utterances", (double) utterances);
        m.put("skipped", skipped ? 1.0 : 0.0);
        m.put("seconds", seconds);
        return m;
    }

    private static void put(Map<String, Double> m, String k, double v) {
        if (!Double.isNaN(v)) {
            m.put(k, v);
        }
    }
}
