package io.voxtok.plugin.speechtokenizer.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * One model instance used from several threads gives the same results as sequential calls (codes exactly,
 * audio up to float rounding).
 */
class ConcurrencyTest {

    @Test
    void concurrentEncodeAndDecode() throws Exception {
        SpeechTokenizerModel model = Fixture.model();
        float[] x = java.util.Arrays.copyOf(Fixture.utterance("utt2"), 16000);
        int[][] expectedCodes = model.encode(new float[][] {x}, 0, 8).item(0);
        int[][][] codes = new int[8][1][];
        for (int k = 0; k < 8; k++) {
            codes[k][0] = expectedCodes[k];
        }
        float[] expectedAudio = model.decode(codes, 0)[0];
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                boolean encode = i % 2 == 0;
                futures.add(pool.submit(() -> encode ? model.encode(new float[][] {x}, 0, 8).item(0)
                        : model.decode(codes, 0)[0]));
            }
            for (int i = 0; i < futures.size(); i++) {
                Object r = futures.get(i).get();
                if (r instanceof int[][] c) {
                    assertArrayEquals(expectedCodes, c);
                } else {
                    // the engine may split reductions differently when threads compete: allow float rounding (the
                    // parity tolerance of decoded audio); a data race would corrupt far more than that
                    assertArrayEquals(expectedAudio, (float[]) r, 2e-5f);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
