package org.example.mulaw;

import io.voxtok.testkit.TestComponentContext;
import io.voxtok.api.ComponentConfig;
import io.voxtok.api.token.Tokenizer;
import io.voxtok.testkit.AbstractTokenizerContractTest;
import java.util.OptionalDouble;

/** The Voxtok conformance kit, run against the mu-law tokenizer as created by its factory. */
final class MulawTokenizerContractTest extends AbstractTokenizerContractTest {
    @Override
    protected Tokenizer createTokenizer() {
        return new MulawTokenizerFactory().create(ComponentConfig.empty(), TestComponentContext.pureJava());
    }

    /**
     * 8-bit mu-law keeps a nearly constant relative error: the textbook SNR for signals well above the small-signal
     * region is 6.02 * 8 + 4.77 - 20 log10(ln 256) = 38.1 dB, and the kit's test audio measures 37.2 dB, so 35 dB
     * fails a broken quantiser while leaving room for the quiet parts of the envelope.
     */
    @Override
    protected OptionalDouble minimumRoundTripSnrDb() {
        return OptionalDouble.of(35);
    }
}
