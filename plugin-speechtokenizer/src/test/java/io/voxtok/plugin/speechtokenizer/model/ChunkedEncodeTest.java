package io.voxtok.plugin.speechtokenizer.model;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Chunked encoding of long audio (issue item 5) on a 60 s signal made of the fixture utterances and silence:
 * measures the share of codes equal to whole-file encoding and logs it.
 */
class ChunkedEncodeTest {
    private static final Logger LOG = LoggerFactory.getLogger(ChunkedEncodeTest.class);

    static float[] sixtySeconds(int sampleRate) {
        float[] out = new float[60 * sampleRate];
        float[][] utts = {Fixture.utterance("utt1"), Fixture.utterance("utt2"), Fixture.utterance("utt3")};
        int pos = 0;
        int i = 0;
        while (pos < out.length) {
            float[] u = utts[i++ % utts.length];
            int n = Math.min(u.length, out.length - pos);
            System.arraycopy(u, 0, out, pos, n);
            pos += n + sampleRate / 2; // half a second of silence between utterances
        }
        return out;
    }

    @Test
    void chunkedCodesMostlyEqualWholeFileCodes() {
        SpeechTokenizerModel model = Fixture.model();
        float[] x = sixtySeconds(model.sampleRate());
        int nq = model.numQuantizers();
        EncodedBatch whole = model.encode(new float[][] {x}, 0, nq);
        EncodedBatch chunked = model.encodeChunked(x, 0, nq, ChunkingOptions.defaults());
        int frames = model.framesFor(x.length);
        assertEquals(frames, chunked.validFrames()[0]);
        int equal = 0;
        int equalFirst = 0;
        for (int k = 0; k < nq; k++) {
            assertEquals(frames, chunked.codes()[k][0].length);
            for (int t = 0; t < frames; t++) {
                if (whole.codes()[k][0][t] == chunked.codes()[k][0][t]) {
                    equal++;
                    equalFirst += k == 0 ? 1 : 0;
                }
            }
        }
        double share = equal / (double) (nq * frames);
        double shareFirst = equalFirst / (double) frames;
        LOG.info("chunked (10 s windows, 1 s context) vs whole-file codes on 60 s: {} % equal over all {} layers,"
                + " {} % on RVQ-1", String.format("%.2f", 100 * share), nq, String.format("%.2f", 100 * shareFirst));
        // frames far from window edges see the same context as the whole file: most codes agree
        assertTrue(share > 0.9, "only " + share + " of the chunked codes equal the whole-file codes");
    }

    @Test
    void signalWithinOneWindowIsEncodedExactly() {
        SpeechTokenizerModel model = Fixture.model();
        float[] x = Fixture.utterance("utt3");
        int[][][] expected = Fixture.codes(Fixture.expected("utt3_codes"));
        EncodedBatch chunked = model.encodeChunked(x, 0, 8, ChunkingOptions.defaults());
        for (int k = 0; k < 8; k++) {
            assertArrayEquals(expected[k][0], chunked.codes()[k][0]);
        }
    }

    @Test
    void windowsTileTheSignalWithoutGaps() {
        // 3 s windows with 0.5 s context on 7.3 s: every frame comes from exactly one centre, and each window's
        // centre codes equal encoding that window alone
        SpeechTokenizerModel model = Fixture.model();
        float[] x = java.util.Arrays.copyOf(sixtySeconds(model.sampleRate()), 116_800);
        ChunkingOptions opts = new ChunkingOptions(3.0, 0.5, 3);
        EncodedBatch chunked = model.encodeChunked(x, 0, 2, opts);
        int hop = model.hopLength();
        int window = 150;
        int context = 25;
        int centre = window - 2 * context;
        int frames = model.framesFor(x.length);
        for (int c = 0; c < frames; c += centre) {
            int from = Math.max(0, c - context);
            int to = Math.min(frames, c + centre + context);
            float[] piece = java.util.Arrays.copyOfRange(x, from * hop, Math.min(x.length, to * hop));
            int[][] alone = model.encode(new float[][] {piece}, 0, 2).item(0);
            for (int k = 0; k < 2; k++) {
                for (int t = c; t < Math.min(frames, c + centre); t++) {
                    assertEquals(alone[k][t - from], chunked.codes()[k][0][t], "layer " + k + " frame " + t);
                }
            }
        }
    }
}
