package io.voxtok.testkit;

import io.voxtok.api.VoxtokPlugin;
import io.voxtok.api.token.TokenizerFactory;
import java.util.List;

/** A correct entry point for the packaging self-tests: one tokenizer factory that refuses unknown options. */
public final class ResidualScalarPlugin implements VoxtokPlugin {
    @Override
    public List<TokenizerFactory> tokenizers() {
        return List.of(new ResidualScalarTokenizerFactory(false));
    }
}
