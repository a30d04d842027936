package io.voxtok.testkit;

import io.voxtok.api.VoxtokPlugin;
import io.voxtok.api.token.TokenizerFactory;
import java.util.List;

/** A flawed entry point for the packaging self-tests: its factory accepts options it does not know. */
public final class LenientOptionsPlugin implements VoxtokPlugin {
    @Override
    public List<TokenizerFactory> tokenizers() {
        return List.of(new ResidualScalarTokenizerFactory(true));
    }
}
