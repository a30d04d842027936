package io.voxtok.plugin.hubert.model;

import static io.voxtok.plugin.hubert.HubertFixture.UTTS;
import static io.voxtok.plugin.hubert.HubertFixture.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import io.voxtok.api.teacher.LayerSelection;
import io.voxtok.modelio.Tensor;
import io.voxtok.plugin.hubert.HubertFixture;
import io.voxtok.plugin.hubert.config.ManifestTolerances;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The DJL HuBERT against the fixture's torchaudio outputs, raw (unnormalised) input, manifest tolerances. */
class HubertDjlModelParityTest {
    private static HubertDjlModel model;
    private static final List<HubertHiddenStates> OUT = new ArrayList<>();
    private static ManifestTolerances tol;

    @BeforeAll
    static void run() {
        HubertCheckpoint ckpt = HubertModelDirectory.open(HubertFixture.dir()).load();
        assertEquals(HubertKeyMapper.Layout.HUGGING_FACE, ckpt.layout());
        model = new HubertDjlModel(ckpt, Device.cpu());
        tol = new ManifestTolerances(HubertFixture.dir());
        for (String u : UTTS) {
            OUT.add(model.run(List.of(HubertFixture.wav(u)), true).get(0));
        }
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void cnnFeatures() {
        for (int i = 0; i < UTTS.length; i++) {
            String f = UTTS[i] + "_cnn_features.npy";
            Tensor want = HubertFixture.expected(f);
            HubertHiddenStates h = OUT.get(i);
            HubertFixture.assertShape(new long[] {1, h.frames(), h.cnnDim()}, want);
            assertClose(want.toFloatArray(), h.cnnFeatures().orElseThrow(), tol.atol("expected/" + f), f);
        }
    }

    @Test
    void hiddenStateZero() {
        for (int i = 0; i < UTTS.length; i++) {
            String f = UTTS[i] + "_hidden_state_0.npy";
            Tensor want = HubertFixture.expected(f);
            HubertFixture.assertShape(new long[] {1, OUT.get(i).frames(), 64}, want);
            assertClose(want.toFloatArray(), OUT.get(i).state(0), tol.atol("expected/" + f), f);
        }
    }

    @Test
    void everyLayerOutput() {
        for (int i = 0; i < UTTS.length; i++) {
            String f = UTTS[i] + "_extract_features.npy";
            Tensor want = HubertFixture.expected(f);
            HubertHiddenStates h = OUT.get(i);
            assertEquals(5, h.count());
            HubertFixture.assertShape(new long[] {4, 1, h.frames(), 64}, want);
            float[] all = want.toFloatArray();
            int n = h.frames() * 64;
            for (int l = 1; l <= 4; l++) {
                assertClose(Arrays.copyOfRange(all, (l - 1) * n, l * n), h.state(l), tol.atol("expected/" + f), f + " layer " + l);
            }
        }
    }

    @Test
    void averageOfAllHiddenStates() {
        for (int i = 0; i < UTTS.length; i++) {
            String f = UTTS[i] + "_avg_hidden_states.npy";
            assertClose(HubertFixture.expected(f).toFloatArray(), OUT.get(i).select(new LayerSelection.Average()),
                    tol.atol("expected/" + f), f);
        }
    }

    @Test
    void batchOfDifferentLengthsEqualsEachItemAlone() {
        float[] shortOne = Arrays.copyOf(HubertFixture.wav("utt2"), 5_000);
        float[] tiny = new float[300]; // below the 400-sample receptive field: no frame
        List<float[]> batch = List.of(HubertFixture.wav("utt1"), shortOne, HubertFixture.wav("utt3"), tiny);
        List<HubertHiddenStates> together = model.run(batch, true);
        for (int b = 0; b < batch.size(); b++) {
            HubertHiddenStates alone = model.run(List.of(batch.get(b)), true).get(0);
            HubertHiddenStates inBatch = together.get(b);
            assertEquals(alone.frames(), inBatch.frames(), "item " + b);
            assertEquals(model.config().frames(batch.get(b).length), inBatch.frames());
            assertClose(alone.cnnFeatures().orElseThrow(), inBatch.cnnFeatures().orElseThrow(), 1e-5, "cnn item " + b);
            for (int s = 0; s < alone.count(); s++) {
                assertClose(alone.state(s), inBatch.state(s), 1e-5, "item " + b + " state " + s);
            }
        }
        assertEquals(0, together.get(3).frames());
        assertEquals(15, together.get(1).frames());
    }
}
