package io.voxtok.plugin.speechtokenizer.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.voxtok.api.ComponentConfig;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.token.LayerRange;
import io.voxtok.api.token.TokenMatrix;
import io.voxtok.api.token.Tokenizer;
import io.voxtok.testkit.TestComponentContext;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Progress inside one long file: above the 60 s threshold the tokenizer encodes 10 s windows (8 s centres) and
 * reports each one, without changing a code.
 */
class ChunkedEncodeProgressTest {
    private static AudioBuffer syntheticSpeechLike(double seconds) {
        int n = (int) Math.round(seconds * 16_000);
        float[] x = new float[n];
        SplittableRandom rnd = new SplittableRandom(16);
        for (int i = 0; i < n; i++) {
            double t = i / 16_000.0;
            x[i] = (float) (0.3 * Math.sin(2 * Math.PI * (150 + 50 * Math.sin(t)) * t) + 0.02 * (rnd.nextDouble() - 0.5));
        }
        return AudioBuffer.ofMono(x, 16_000);
    }

    @Test
    void aLongInputReportsEveryWindowAndKeepsTheCodes() {
        AudioBuffer audio = syntheticSpeechLike(130);
        List<long[]> reports = new ArrayList<>();
        try (Tokenizer t = new SpeechTokenizerTokenizerFactory().create(ComponentConfig.ofModel(TestContext.fixture()),
                new TestComponentContext())) {
            LayerRange layers = LayerRange.first(2);
            TokenMatrix withProgress = t.encode(audio, layers, (done, total) -> reports.add(new long[] {done, total}));
            // 130 s = 6500 frames in centres of 400 frames: 17 windows.
            assertEquals(17, reports.size());
            for (int i = 0; i < reports.size(); i++) {
                assertArrayEquals(new long[] {i + 1, 17}, reports.get(i), "report " + i);
            }
            TokenMatrix plain = t.encode(audio, layers);
            assertArrayEquals(plain.itemCodes(0)[0], withProgress.itemCodes(0)[0]);
            assertArrayEquals(plain.itemCodes(0)[1], withProgress.itemCodes(0)[1]);
        }
    }

    @Test
    void aShortInputEncodedWholeReportsNothing() {
        List<long[]> reports = new ArrayList<>();
        try (Tokenizer t = new SpeechTokenizerTokenizerFactory().create(ComponentConfig.ofModel(TestContext.fixture()),
                new TestComponentContext())) {
            t.encode(syntheticSpeechLike(2), LayerRange.first(1), (done, total) -> reports.add(new long[] {done, total}));
        }
        assertEquals(0, reports.size());
    }
}
