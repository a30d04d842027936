package org.example.mulaw;

import io.voxtok.api.VoxtokPlugin;
import io.voxtok.api.token.TokenizerFactory;
import java.util.List;

/** The plugin's entry point: contributes the {@code mulaw} tokenizer. */
public final class MulawPlugin implements VoxtokPlugin {
    @Override
    public List<TokenizerFactory> tokenizers() {
        return List.of(new MulawTokenizerFactory());
    }
}
