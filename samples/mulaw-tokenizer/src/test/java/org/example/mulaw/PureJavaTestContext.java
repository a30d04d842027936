package org.example.mulaw;

import io.voxtok.api.ComponentContext;
import io.voxtok.api.ComponentLookup;
import io.voxtok.api.SpiVersion;
import io.voxtok.api.backend.BackendKind;
import io.voxtok.api.backend.BackendSpec;
import io.voxtok.api.backend.DeviceSpec;
import io.voxtok.api.bench.BenchmarkFactory;
import io.voxtok.api.discriminator.DiscriminatorFactory;
import io.voxtok.api.lm.LanguageModelFactory;
import io.voxtok.api.teacher.TeacherFactory;
import io.voxtok.api.token.TokenizerFactory;
import java.util.Optional;

/** The host context a runtime would pass for a plain-Java component on the CPU, with no other components. */
final class PureJavaTestContext implements ComponentContext {
    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public BackendSpec backend() {
        return new BackendSpec(BackendKind.PURE_JAVA, DeviceSpec.cpu(), 1);
    }

    @Override
    public <T> Optional<T> service(Class<T> type) {
        return Optional.empty();
    }

    @Override
    public ComponentLookup components() {
        return new ComponentLookup() {
            @Override
            public Optional<TokenizerFactory> tokenizer(String name) {
                return Optional.empty();
            }

            @Override
            public Optional<TeacherFactory> teacher(String name) {
                return Optional.empty();
            }

            @Override
            public Optional<DiscriminatorFactory> discriminator(String name) {
                return Optional.empty();
            }

            @Override
            public Optional<LanguageModelFactory> languageModel(String name) {
                return Optional.empty();
            }

            @Override
            public Optional<BenchmarkFactory> benchmark(String name) {
                return Optional.empty();
            }
        };
    }
}
