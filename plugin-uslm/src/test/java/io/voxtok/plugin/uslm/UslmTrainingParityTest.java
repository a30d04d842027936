package io.voxtok.plugin.uslm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.voxtok.plugin.uslm.model.UslmModel;
import io.voxtok.plugin.uslm.training.StageSampler;
import io.voxtok.plugin.uslm.training.TopKAccuracy;
import io.voxtok.plugin.uslm.training.UslmBatch;
import io.voxtok.plugin.uslm.training.UslmTrainingForward;
import io.voxtok.plugin.uslm.training.UslmTrainingOutput;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The training forward against the official fixtures: every {@code expected/train_*} array within the manifest
 * tolerance, and every scalar (losses, total loss, top-10 accuracies with exact hit counts) of the cases
 * {@code train_k2..k7}, {@code train_stage1_k4} and {@code train_stage2_k4}, for both fixture models.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UslmTrainingParityTest {
    private UslmModel uslm;
    private UslmModel valle;

    @BeforeAll
    void load() {
        uslm = UslmFixture.load("uslm");
        valle = UslmFixture.load("valle");
    }

    @AfterAll
    void close() {
        uslm.close();
        valle.close();
    }

    private UslmModel model(String name) {
        return name.equals("uslm") ? uslm : valle;
    }

    @ParameterizedTest
    @ValueSource(strings = {"uslm", "valle"})
    void stageZeroForEveryDrawnStageMatchesTheOfficialArraysAndScalars(String name) {
        for (int k = 2; k <= 7; k++) {
            try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
                UslmTrainingOutput out = run(m, name, 0, k);
                assertEquals(List.of(1, k), out.narStages());
                Map<String, NDArray> tr = out.trace();
                if (k == 2) {
                    for (String f : List.of("train_codes_masked", "train_ar_inputs", "train_ar_targets",
                            "train_ar_attn_mask", "train_ar_xy_pos", "train_ar_dec_out", "train_ar_logits",
                            "train_nar_key_padding_mask")) {
                        UslmFixture.assertMatches(name, f, tr.get(f));
                    }
                    for (String f : List.of("y_emb", "xy_pos", "dec_out", "logits", "targets")) {
                        UslmFixture.assertMatches(name, "train_nar_stage1_" + f, tr.get("train_nar_stage1_" + f));
                    }
                }
                for (String f : List.of("y_emb", "xy_pos", "dec_out", "logits", "targets")) {
                    UslmFixture.assertMatches(name, "train_nar_stage" + k + "_" + f, tr.get("train_nar_stage" + k + "_" + f));
                }
                assertScalars(name, "train_k" + k, out, k);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"uslm", "valle"})
    void trainStagesOneAndTwoMatchTheOfficialScalars(String name) {
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            UslmTrainingOutput ar = run(m, name, 1, 4);
            assertEquals(List.of(), ar.narStages(), "train_stage 1 draws no NAR stage");
            assertScalars(name, "train_stage1_k4", ar, 4);
            UslmTrainingOutput nar = run(m, name, 2, 4);
            assertEquals(List.of(1, 4), nar.narStages());
            assertScalars(name, "train_stage2_k4", nar, 4);
        }
    }

    private UslmTrainingOutput run(NDManager m, String name, int trainStage, int k) {
        UslmBatch batch = new UslmBatch(UslmFixture.longs(m, name, "inputs/train_x"),
                UslmFixture.longs(m, name, "inputs/train_x_lens"), UslmFixture.longs(m, name, "inputs/train_y"),
                UslmFixture.longs(m, name, "inputs/train_y_lens"));
        return new UslmTrainingForward(model(name).network(), StageSampler.fixed(k)).forward(batch, trainStage, false, true);
    }

    @SuppressWarnings("unchecked")
    private static void assertScalars(String name, String caseName, UslmTrainingOutput out, int k) {
        Map<String, Object> c = UslmFixture.trainCase(name, caseName);
        int checked = 0;
        for (Object o : (List<Object>) c.get("values")) {
            Map<String, Object> v = (Map<String, Object>) o;
            String vn = (String) v.get("name");
            double expected = ((Number) v.get("value")).doubleValue();
            Map<String, Object> tol = (Map<String, Object>) v.get("tolerance");
            String what = name + " " + caseName + " " + vn;
            if (vn.endsWith("Accuracy")) {
                TopKAccuracy acc = out.metric(vn);
                if (v.containsKey("hits")) {
                    assertEquals(((Number) v.get("hits")).longValue(), acc.hits(), what + " hits");
                    assertEquals(((Number) v.get("positions_counted")).longValue(), acc.counted(), what + " counted");
                }
                assertEquals((float) expected, acc.value(), 0f, what);
            } else {
                NDArray actual = vn.equals("total_loss") ? out.totalLoss() : out.losses().get(vn);
                double atol = ((Number) tol.get("suggested_atol")).doubleValue();
                assertEquals(expected, actual.getFloat(), atol, what);
            }
            checked++;
        }
        assertEquals(((List<Object>) c.get("values")).size(), checked);
    }
}
