package io.voxtok.plugin.encodec;

import io.voxtok.testkit.TestComponentContext;
import io.voxtok.api.ComponentConfig;
import io.voxtok.api.token.Tokenizer;
import io.voxtok.testkit.AbstractTokenizerContractTest;

import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * The SDK's tokenizer conformance suite on {@code encodec:48khz} (the {@code encodec:48khz} factory) with the small
 * 48 kHz-layout test model of {@code src/test/resources/encodec48} at 6 kbps (8 codebooks of 32 codes). The spec
 * declares the 1 s segments every 0.99 s, and the kit's long signal is 10 s (11 segments, 1 516 frames, 480 320
 * decoded samples), so frames and decoded lengths are checked across segment boundaries, not only inside the first
 * segment. The model is not causal, so the kit skips its chunked-encoding test.
 */
class Encodec48kContractTest extends AbstractTokenizerContractTest {
    @Override
    protected Tokenizer createTokenizer() {
        return new EncodecTokenizerFactory(EncodecVariant.STEREO_48KHZ).create(ComponentConfig.ofModel(modelDir()),
                new TestComponentContext());
    }

    /** Ten seconds, as the issue asks: many segments, a partial last one, and every overlap between them. */
    @Override
    protected double longAudioSeconds() {
        return 10.0;
    }

    private static Path modelDir() {
        try {
            return Path.of(Encodec48kContractTest.class.getResource("/encodec48").toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }
}
