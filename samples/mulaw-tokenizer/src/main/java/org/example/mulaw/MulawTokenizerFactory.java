package org.example.mulaw;

import io.voxtok.api.ComponentConfig;
import io.voxtok.api.ComponentContext;
import io.voxtok.api.ComponentId;
import io.voxtok.api.backend.BackendKind;
import io.voxtok.api.token.Tokenizer;
import io.voxtok.api.token.TokenizerFactory;
import io.voxtok.api.token.TokenizerSpec;
import java.util.Set;

/** Creates {@link MulawTokenizer}s: plain Java, no model, no options. Stateless and thread-safe. */
public final class MulawTokenizerFactory implements TokenizerFactory {
    @Override
    public ComponentId id() {
        return MulawTokenizer.ID;
    }

    @Override
    public String description() {
        return "8-bit mu-law (G.711 law, mu=255) of 8 kHz mono audio: 1 layer x 256 codes, one token per sample";
    }

    @Override
    public Set<BackendKind> supportedBackends() {
        return Set.of(BackendKind.PURE_JAVA);
    }

    @Override
    public TokenizerSpec defaultSpec() {
        return MulawTokenizer.SPEC;
    }

    @Override
    public boolean requiresModel() {
        return false;
    }

    /**
     * {@inheritDoc} The tokenizer has no options, so any property is refused; a model path is ignored.
     *
     * @throws io.voxtok.api.VoxtokException {@code USER_INPUT} naming unknown options
     */
    @Override
    public Tokenizer create(ComponentConfig config, ComponentContext context) {
        config.requireKnownKeys(Set.of());
        return new MulawTokenizer();
    }
}
