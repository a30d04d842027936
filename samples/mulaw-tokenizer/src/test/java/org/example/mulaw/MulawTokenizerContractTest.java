package org.example.mulaw;

import io.voxtok.api.ComponentConfig;
import io.voxtok.api.token.Tokenizer;
import io.voxtok.testkit.AbstractTokenizerContractTest;
import java.util.OptionalDouble;

/** The Voxtok conformance kit, run against the mu-law tokenizer as created by its factory. */
final class MulawTokenizerContractTest extends AbstractTokenizerContractTest {
    @Override
    protected Tokenizer createTokenizer() {
        return new MulawTokenizerFactory().create(ComponentConfig.empty(), new PureJavaTestContext());
    }

    /**
     * 8-bit mu-law keeps a nearly constant relative error: for the speech-like test signal (peak 0.5) the
     * quantisation noise is about 37 dB below the signal (measured), so 35 dB leaves room only for rounding.
     */
    @Override
    protected OptionalDouble minimumRoundTripSnrDb() {
        return OptionalDouble.of(35);
    }
}
