package io.voxtok.plugin.speechtokenizer.spi;

import io.voxtok.testkit.TestComponentContext;
import io.voxtok.api.ComponentConfig;
import io.voxtok.api.token.Tokenizer;
import io.voxtok.testkit.AbstractTokenizerContractTest;

/** The conformance kit on SpeechTokenizer with the shared parity checkpoint (non-causal: no chunked = whole). */
class SpeechTokenizerContractTest extends AbstractTokenizerContractTest {
    @Override
    protected Tokenizer createTokenizer() {
        return new SpeechTokenizerTokenizerFactory().create(ComponentConfig.ofModel(TestContext.fixture()),
                new TestComponentContext());
    }
}
