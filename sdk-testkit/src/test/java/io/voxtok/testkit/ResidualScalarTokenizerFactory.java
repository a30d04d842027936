package io.voxtok.testkit;

import io.voxtok.api.ComponentConfig;
import io.voxtok.api.ComponentContext;
import io.voxtok.api.ComponentId;
import io.voxtok.api.backend.BackendKind;
import io.voxtok.api.token.Tokenizer;
import io.voxtok.api.token.TokenizerFactory;
import io.voxtok.api.token.TokenizerSpec;
import java.util.Set;

/** Creates the correct {@link ResidualScalarTokenizer}; the lenient one ignores unknown options (a flaw). */
final class ResidualScalarTokenizerFactory implements TokenizerFactory {
    private final boolean lenient;

    /** @param lenient accept unknown options instead of refusing them */
    ResidualScalarTokenizerFactory(boolean lenient) {
        this.lenient = lenient;
    }

    @Override
    public ComponentId id() {
        return ComponentId.of("residual-scalar");
    }

    @Override
    public String description() {
        return "residual scalar quantiser of 4-sample frame means (testkit self-tests)";
    }

    @Override
    public Set<BackendKind> supportedBackends() {
        return Set.of(BackendKind.PURE_JAVA);
    }

    @Override
    public TokenizerSpec defaultSpec() {
        return new ResidualScalarTokenizer(ResidualScalarTokenizer.Flaw.NONE).spec();
    }

    @Override
    public boolean requiresModel() {
        return false;
    }

    @Override
    public Tokenizer create(ComponentConfig config, ComponentContext context) {
        if (!lenient) {
            config.requireKnownKeys(Set.of());
        }
        return new ResidualScalarTokenizer(ResidualScalarTokenizer.Flaw.NONE);
    }
}
