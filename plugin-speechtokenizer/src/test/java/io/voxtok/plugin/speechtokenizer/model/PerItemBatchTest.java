package io.voxtok.plugin.speechtokenizer.model;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Batches of items with different lengths (issue item 4): in {@link BatchMode#PER_ITEM} every item's codes
 * equal encoding it alone and the official unbatched codes; the official padded batch does not have that
 * property, which the fixture documents.
 */
class PerItemBatchTest {

    @Test
    void batchOfThreeUtterancesEqualsEachAloneAndTheOfficialCodes() {
        SpeechTokenizerModel model = Fixture.model();
        String[] utts = {"utt1", "utt2", "utt3"};
        float[][] batch = new float[utts.length][];
        for (int i = 0; i < utts.length; i++) {
            batch[i] = Fixture.utterance(utts[i]);
        }
        EncodedBatch together = model.encode(batch, 0, model.numQuantizers(), BatchMode.PER_ITEM);
        for (int i = 0; i < utts.length; i++) {
            EncodedBatch alone = model.encode(new float[][] {batch[i]}, 0, model.numQuantizers());
            assertEquals(model.framesFor(batch[i].length), together.validFrames()[i]);
            int[][] official = new int[model.numQuantizers()][];
            int[][][] expected = Fixture.codes(Fixture.expected(utts[i] + "_codes"));
            for (int k = 0; k < official.length; k++) {
                official[k] = expected[k][0];
            }
            for (int k = 0; k < model.numQuantizers(); k++) {
                assertArrayEquals(alone.codes()[k][0], together.codes()[k][i], utts[i] + " layer " + k + " vs alone");
                assertArrayEquals(official[k], together.codes()[k][i], utts[i] + " layer " + k + " vs official");
            }
        }
    }

    @Test
    void paddedModeLeaksPaddingIntoTheShorterItem() {
        SpeechTokenizerModel model = Fixture.model();
        float[] utt1 = Fixture.utterance("utt1");
        float[] utt2 = Fixture.utterance("utt2");
        EncodedBatch padded = model.encode(new float[][] {utt1, utt2}, 0, 8, BatchMode.PADDED);
        int[][] alone = model.encode(new float[][] {utt1}, 0, 8).item(0);
        assertEquals(padded.codes()[0][0].length, model.framesFor(utt2.length));
        assertNotEquals(Arrays.deepToString(alone), Arrays.deepToString(padded.item(0)),
                "the official padded batch differs from the unbatched codes near the end of the shorter item");
    }

    @Test
    void decodingItemsOfDifferentLengthsEqualsDecodingEachAlone() {
        SpeechTokenizerModel model = Fixture.model();
        int[][][] c1 = Fixture.codes(Fixture.expected("utt1_codes"));
        int[][][] c2 = Fixture.codes(Fixture.expected("utt2_codes"));
        int[][][] both = new int[c1.length][2][];
        for (int k = 0; k < c1.length; k++) {
            both[k][0] = c1[k][0];
            both[k][1] = c2[k][0];
        }
        float[][] together = model.decode(both, 0);
        float[] expected1 = Fixture.expected("utt1_decoded").toFloatArray();
        float[] expected2 = Fixture.expected("utt2_decoded").toFloatArray();
        assertClose(expected1, together[0], 2e-5, "utt1");
        assertClose(expected2, together[1], 2e-5, "utt2");
        assertClose(model.decode(c1, 0)[0], together[0], 1e-5, "utt1 alone vs batched");
    }

    @Test
    void perItemFeaturesEqualTheOfficialUnbatchedOutputs() {
        SpeechTokenizerModel model = Fixture.model();
        float[][] batch = {Fixture.utterance("utt2"), Fixture.utterance("utt1"), Fixture.utterance("utt3")};
        String[] names = {"utt2", "utt1", "utt3"};
        float[][][] latents = model.encoderOutput(batch, BatchMode.PER_ITEM);
        float[][][][] layer0 = model.forwardFeature(batch, new int[] {0}, BatchMode.PER_ITEM);
        float[][][] semantic = model.semanticFeature(batch, BatchMode.PER_ITEM);
        for (int b = 0; b < batch.length; b++) {
            assertClose(Fixture.expected(names[b] + "_encoder_out").toFloatArray(),
                    SpeechTokenizerParityTest.flatten2(latents[b]), 2e-5, names[b] + " encoder output");
            assertClose(Fixture.expected(names[b] + "_forward_feature_layer0").toFloatArray(),
                    SpeechTokenizerParityTest.flatten2(layer0[0][b]), 2e-7, names[b] + " layer-0 vectors");
            assertClose(Fixture.expected(names[b] + "_forward_feature").toFloatArray(),
                    SpeechTokenizerParityTest.flatten2(semantic[b]), 2e-6, names[b] + " semantic feature");
        }
    }

    private static void assertClose(float[] e, float[] a, double atol, String what) {
        assertEquals(e.length, a.length, what + " length");
        double max = 0;
        for (int i = 0; i < e.length; i++) {
            max = Math.max(max, Math.abs(e[i] - a[i]));
        }
        assertEquals(0, max, atol, what + " max |diff|");
    }
}
