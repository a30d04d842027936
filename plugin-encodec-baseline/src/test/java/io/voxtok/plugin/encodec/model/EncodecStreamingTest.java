package io.voxtok.plugin.encodec.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.voxtok.plugin.encodec.EncodecFixture;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Streaming encoding of the causal 24 kHz model (fixture weights) against whole-signal encoding, which itself is
 * checked against the official codes: identical codes for every piece size, including the frames that only
 * {@code finish()} can produce, and the official codes themselves.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EncodecStreamingTest {
    private EncodecModel model;
    private float[] utt1;
    private int layers;

    @BeforeAll
    void load() {
        model = EncodecModel.load(EncodecFixture.dir(), Device.cpu());
        utt1 = EncodecFixture.wav("utt1_24k.wav");
        layers = model.config().numQuantizers();
    }

    @AfterAll
    void close() {
        model.close();
    }

    @Test
    void streamedCodesEqualWholeFileForManyPieceSizes() {
        int[][] whole = model.encodeItems(List.<float[][]>of(new float[][] {utt1}), 0, layers)[0];
        // the whole-signal path is the official one (see EncodecParityTest); check the prefix of RVQ layers that
        // the fixture pins down at 6 kbps as an anchor
        EncodecFixture.assertCodes("expected/utt1_codes_bw6.0.npy",
                EncodecFixture.expected("utt1_codes_bw6.0.npy").toLongArray(), Arrays.copyOf(whole, 13));
        for (int[] pieces : List.of(new int[] {2321}, new int[] {0, 1, 317, 4000}, new int[] {24000})) {
            assertSame(whole, stream(utt1, pieces), "pieces " + Arrays.toString(pieces));
        }
        SplittableRandom rnd = new SplittableRandom(7);
        int[] random = new int[16];
        for (int i = 0; i < random.length; i++) {
            random[i] = rnd.nextInt(0, 6000);
        }
        assertSame(whole, stream(utt1, random), "random pieces");
    }

    @Test
    void singleSamplePiecesStreamLikeWholeFile() {
        // 700 samples start every strided layer (the stride-8 one needs 640); 2600 start the last convolution
        float[] x = Arrays.copyOf(utt1, 700);
        int[][] whole = model.encodeItems(List.<float[][]>of(new float[][] {x}), 0, layers)[0];
        assertSame(whole, stream(x, new int[] {1}), "pieces of 1 sample");
        float[] y = Arrays.copyOf(utt1, 2600);
        assertSame(model.encodeItems(List.<float[][]>of(new float[][] {y}), 0, layers)[0], stream(y, new int[] {13}),
                "pieces of 13 samples");
    }

    @Test
    void shortSignalsStreamLikeWholeFile() {
        for (int n : new int[] {1, 2, 5, 319, 320, 321, 957, 1281}) {
            float[] x = Arrays.copyOf(utt1, n);
            int[][] whole = model.encodeItems(List.<float[][]>of(new float[][] {x}), 0, 4)[0];
            try (EncodecEncoderStream s = model.openEncoderStream(0, 4)) {
                List<int[][]> parts = new ArrayList<>();
                for (int i = 0; i < n; i += 37) {
                    parts.add(s.push(new float[][] {Arrays.copyOfRange(x, i, Math.min(n, i + 37))}));
                }
                parts.add(s.finish());
                assertSame(whole, concat(parts), n + " samples in pieces of 37");
            }
        }
    }

    /**
     * Latency. A frame is returned as soon as every sample it depends on has arrived. Two effects of the official
     * padding show: (1) start-up: the causal convolutions pad on the left by reflection, so the first output of
     * the last k=7 convolution depends on latent frames 1..6, i.e. on the first 7 * 320 samples; nothing can be
     * returned before 2240 samples. (2) the end: a frame covering a partial hop depends on the extra right padding
     * E computed from the total length (SPEC 1.1), so it comes from finish(). With whole hops pushed, every
     * frame is out immediately and finish() returns nothing.
     */
    @Test
    void framesAreEmittedAsSoonAsTheyAreFinal() {
        try (EncodecEncoderStream s = model.openEncoderStream(0, 1)) {
            for (int k = 1; k <= 100; k++) {
                s.push(new float[][] {Arrays.copyOfRange(utt1, (k - 1) * 320, k * 320)});
                assertEquals(k < 7 ? 0 : k, s.framesOut(), "frames out after " + k + " whole hops");
            }
            assertEquals(0, s.finish()[0].length, "frames from finish() after whole hops");
        }
        try (EncodecEncoderStream s = model.openEncoderStream(0, 1)) {
            s.push(new float[][] {Arrays.copyOf(utt1, 100 * 320 + 100)});
            assertEquals(100, s.framesOut(), "frames out with a partial last hop");
            assertEquals(1, s.finish()[0].length, "the partial frame comes from finish()");
        }
    }

    @Test
    void longSignalStreamsInBoundedPieces() {
        int seconds = 20;
        float[] x = new float[seconds * 24000];
        for (int i = 0; i < x.length; i++) {
            x[i] = utt1[i % utt1.length];
        }
        int[][] whole = model.encodeItems(List.<float[][]>of(new float[][] {x}), 0, 2)[0];
        int[] pieces = new int[] {2400};
        assertSame(whole, stream(x, pieces, 2), "20 s in 0.1 s pieces");
    }

    @Test
    void batchItemsEqualEncodingAlone() {
        List<float[][]> items = new ArrayList<>();
        for (int n : new int[] {47999, 1000, 24321, 320, 5}) {
            items.add(new float[][] {Arrays.copyOf(utt1, n)});
        }
        int[][][] batch = model.encodeItems(items, 0, layers);
        for (int i = 0; i < items.size(); i++) {
            int[][] alone = model.encodeItems(List.<float[][]>of(items.get(i)), 0, layers)[0];
            assertSame(alone, batch[i], "batch item " + i);
        }
        List<int[][]> codes = Arrays.asList(batch);
        float[][][] decoded = model.decodeItems(codes, 0);
        for (int i = 0; i < items.size(); i++) {
            float[][] alone = model.decodeItems(List.<int[][]>of(batch[i]), 0)[0];
            assertArrayEquals(alone[0], decoded[i][0], "decoded batch item " + i);
        }
    }

    private int[][] stream(float[] x, int[] pieces) {
        return stream(x, pieces, layers);
    }

    private int[][] stream(float[] x, int[] pieces, int end) {
        List<int[][]> parts = new ArrayList<>();
        try (EncodecEncoderStream s = model.openEncoderStream(0, end)) {
            int pos = 0;
            int i = 0;
            while (pos < x.length) {
                int n = Math.min(x.length - pos, pieces[i++ % pieces.length]);
                parts.add(s.push(new float[][] {Arrays.copyOfRange(x, pos, pos + n)}));
                pos += n;
            }
            parts.add(s.finish());
        }
        return concat(parts);
    }

    static int[][] concat(List<int[][]> parts) {
        int k = parts.get(0).length;
        int t = parts.stream().mapToInt(p -> p[0].length).sum();
        int[][] out = new int[k][t];
        int off = 0;
        for (int[][] p : parts) {
            for (int l = 0; l < k; l++) {
                System.arraycopy(p[l], 0, out[l], off, p[l].length);
            }
            off += p[0].length;
        }
        return out;
    }

    static void assertSame(int[][] expected, int[][] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": layers");
        for (int l = 0; l < expected.length; l++) {
            assertEquals(expected[l].length, actual[l].length, what + ": frames");
            for (int t = 0; t < expected[l].length; t++) {
                if (expected[l][t] != actual[l][t]) {
                    throw new AssertionError(what + ": layer " + l + " frame " + t + " expected " + expected[l][t]
                            + " got " + actual[l][t] + " (of " + expected[l].length + " frames)");
                }
            }
        }
    }
}
