package io.voxtok.plugin.encodec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.voxtok.api.ComponentConfig;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.token.LayerRange;
import io.voxtok.api.token.TokenMatrix;
import io.voxtok.api.token.Tokenizer;
import io.voxtok.testkit.TestComponentContext;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The 48 kHz tokenizer reports each 1 s segment of an input as progress inside it, codes unchanged. */
class Encodec48kProgressTest {
    @Test
    void everySegmentIsReportedAndTheCodesAreThoseOfAPlainEncode() throws URISyntaxException {
        Path dir = Path.of(Encodec48kProgressTest.class.getResource("/encodec48").toURI());
        // 3.5 s: segments start every 47 520 samples, so 4 segments.
        int n = 168_000;
        float[][] x = new float[2][n];
        for (int i = 0; i < n; i++) {
            x[0][i] = (float) (0.2 * Math.sin(2 * Math.PI * 220 * i / 48_000.0));
            x[1][i] = (float) (0.1 * Math.sin(2 * Math.PI * 330 * i / 48_000.0));
        }
        AudioBuffer audio = AudioBuffer.ofPlanar(x, 48_000);
        List<long[]> reports = new ArrayList<>();
        try (Tokenizer t = new EncodecTokenizerFactory().create(ComponentConfig.ofModel(dir), new TestComponentContext())) {
            LayerRange layers = LayerRange.first(2);
            TokenMatrix withProgress = t.encode(audio, layers, (done, total) -> reports.add(new long[] {done, total}));
            assertEquals(4, reports.size());
            for (int i = 0; i < 4; i++) {
                assertArrayEquals(new long[] {i + 1, 4}, reports.get(i), "report " + i);
            }
            TokenMatrix plain = t.encode(audio, layers);
            assertArrayEquals(plain.itemCodes(0)[0], withProgress.itemCodes(0)[0]);
            assertArrayEquals(plain.itemCodes(0)[1], withProgress.itemCodes(0)[1]);
        }
    }
}
