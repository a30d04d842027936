package io.voxtok.testkit;

import io.voxtok.api.token.Tokenizer;

/** Runs the whole kit, through JUnit, against a correct multi-layer, hop-4 streaming tokenizer: all must pass. */
final class ResidualScalarTokenizerContractTest extends AbstractTokenizerContractTest {
    @Override
    protected Tokenizer createTokenizer() {
        return new ResidualScalarTokenizer(ResidualScalarTokenizer.Flaw.NONE);
    }
}
