package io.voxtok.plugin.encodec;

import io.voxtok.testkit.TestComponentContext;
import io.voxtok.api.ComponentConfig;
import io.voxtok.api.token.Tokenizer;
import io.voxtok.testkit.AbstractTokenizerContractTest;

import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * The SDK's tokenizer conformance suite on {@code encodec:48khz} with the small 48 kHz-layout test model of
 * {@code src/test/resources/encodec48} at 6 kbps (8 codebooks of 32 codes). The model is not causal, so the kit
 * skips its chunked-encoding test; its test signals are shorter than one segment, where frames are
 * {@code ceil(L / hop)} and decoded audio {@code frames * hop} samples (see {@link SegmentedTokenLayout} for
 * longer audio).
 */
class Encodec48kContractTest extends AbstractTokenizerContractTest {
    @Override
    protected Tokenizer createTokenizer() {
        return new EncodecTokenizerFactory().create(ComponentConfig.ofModel(modelDir()), new TestComponentContext());
    }

    private static Path modelDir() {
        try {
            return Path.of(Encodec48kContractTest.class.getResource("/encodec48").toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }
}
