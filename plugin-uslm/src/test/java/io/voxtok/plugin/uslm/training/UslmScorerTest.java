package io.voxtok.plugin.uslm.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.voxtok.api.ComponentId;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.lm.TeacherForcedScore;
import io.voxtok.modelio.Tensor;
import io.voxtok.plugin.uslm.UslmFixture;
import io.voxtok.plugin.uslm.model.UslmModel;
import io.voxtok.plugin.uslm.spi.UslmLanguageModel;
import org.junit.jupiter.api.Test;

/**
 * Teacher-forced scoring of the official fixture model: the scorer's sums are the official forward's loss terms on
 * the same single-utterance batch (for the AR part and each NAR stage), the counts follow the official metric rules,
 * the {@code LanguageModel} SPI gives the same score, and ids or codes outside the tables are refused.
 */
class UslmScorerTest {
    @Test
    void scoreEqualsTheOfficialForwardOnOneUtterance() {
        Tensor x = UslmFixture.npy("uslm", "inputs/train_x");
        Tensor xl = UslmFixture.npy("uslm", "inputs/train_x_lens");
        Tensor y = UslmFixture.npy("uslm", "inputs/train_y");
        Tensor yl = UslmFixture.npy("uslm", "inputs/train_y_lens");
        int s = (int) x.shape()[1];
        int tMax = (int) y.shape()[1];
        int q = (int) y.shape()[2];
        int sLen = (int) xl.toLongArray()[0];
        int t = (int) yl.toLongArray()[0];
        long[] ids = new long[sLen];
        System.arraycopy(x.toLongArray(), 0, ids, 0, sLen);
        long[] yv = y.toLongArray();
        int[][] codes = new int[t][q];
        long[] flat = new long[t * q];
        for (int f = 0; f < t; f++) {
            for (int l = 0; l < q; l++) {
                codes[f][l] = (int) yv[f * q + l];
                flat[f * q + l] = yv[f * q + l];
            }
        }
        assertTrue(s >= sLen && tMax >= t);
        try (UslmModel model = UslmFixture.load("uslm"); NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            TeacherForcedScore score = new UslmScorer(model.network()).score(m, ids, codes);
            assertEquals(1, score.utterances());
            assertEquals(t, score.frames());
            assertEquals(t - 1, score.arCounted(), "the final EOS target is not counted for accuracy");
            for (int stage = 2; stage < q; stage++) {
                UslmBatch batch = new UslmBatch(m.create(ids, new Shape(1, sLen)), m.create(new long[] {sLen}),
                        m.create(flat, new Shape(1, t, q)), m.create(new long[] {t}));
                UslmTrainingOutput o = new UslmTrainingForward(model.network(), StageSampler.fixed(stage))
                        .forward(batch, 0, false, false);
                assertEquals(o.losses().get("loss_ar").getFloat(), score.arLoss(), 1e-4 * score.arLoss(), "AR");
                assertEquals(o.losses().get("loss_nar_stage1").getFloat(), score.narLoss()[0], 1e-4 * score.narLoss()[0]);
                assertEquals(o.losses().get("loss_nar_stage" + stage).getFloat(), score.narLoss()[stage - 1],
                        1e-4 * score.narLoss()[stage - 1], "stage " + stage);
                assertEquals(o.metric("ArTop10Accuracy").hits(), score.arHits());
                assertEquals(o.metric("NarL3-8Top10Accuracy").hits(), score.narHits()[stage - 1]);
                assertEquals(t, score.narCounted()[stage - 1]);
            }
            TeacherForcedScore viaSpi;
            try (UslmLanguageModel lm = new UslmLanguageModel(ComponentId.of("uslm"), UslmFixture.load("uslm"),
                    "speechtokenizer", 50, true, false, null, null)) {
                viaSpi = lm.scoreTeacherForced(ids, codes);
            }
            assertEquals(score, viaSpi);
            assertEquals((score.arLossPerFrame() + score.narLossPerFrame(1) + score.narLossPerFrame(2, q - 1)) / 2,
                    score.lossPerFrame(), 1e-12);

            codes[1][3] = 1024;
            VoxtokException e = assertThrows(VoxtokException.class,
                    () -> new UslmScorer(model.network()).score(m, ids, codes));
            assertTrue(e.getMessage().contains("frame 1, layer 3"), e.getMessage());
            e = assertThrows(VoxtokException.class,
                    () -> new UslmScorer(model.network()).score(m, new long[] {1, 600, 2}, new int[][] {{1, 2, 3, 4, 5, 6, 7, 8}}));
            assertTrue(e.getMessage().contains("600"), e.getMessage());
        }
    }
}
