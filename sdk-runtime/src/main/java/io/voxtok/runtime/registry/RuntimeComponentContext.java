package io.voxtok.runtime.registry;

import io.voxtok.api.ComponentContext;
import io.voxtok.api.ComponentLookup;
import io.voxtok.api.SpiVersion;
import io.voxtok.api.backend.BackendSpec;
import io.voxtok.api.bench.BenchmarkFactory;
import io.voxtok.api.discriminator.DiscriminatorFactory;
import io.voxtok.api.lm.LanguageModelFactory;
import io.voxtok.api.speaker.SpeakerEncoderFactory;
import io.voxtok.api.teacher.TeacherFactory;
import io.voxtok.api.token.TokenizerFactory;
import java.util.Map;
import java.util.Optional;

/** The host services handed to factories: resolved backend, other components, typed host services. */
public final class RuntimeComponentContext implements ComponentContext, ComponentLookup {
    private final BackendSpec backend;
    private final ComponentRegistry registry;
    private final Map<Class<?>, Object> services;

    /** A context over {@code registry} on {@code backend}, offering {@code services} by type. */
    public RuntimeComponentContext(BackendSpec backend, ComponentRegistry registry, Map<Class<?>, Object> services) {
        this.backend = backend;
        this.registry = registry;
        this.services = Map.copyOf(services);
    }

    /**
     * The same context offering {@code extra} host services as well (overriding services of the same type), e.g.
     * the corpus facts a benchmark run hands to benchmark factories.
     */
    public RuntimeComponentContext withServices(Map<Class<?>, Object> extra) {
        Map<Class<?>, Object> all = new java.util.HashMap<>(services);
        all.putAll(extra);
        return new RuntimeComponentContext(backend, registry, all);
    }

    /** The same services on another backend (a component that supports only some backends). */
    public RuntimeComponentContext withBackend(BackendSpec other) {
        return new RuntimeComponentContext(other, registry, services);
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public BackendSpec backend() {
        return backend;
    }

    @Override
    public <T> Optional<T> service(Class<T> type) {
        return Optional.ofNullable(services.get(type)).map(type::cast);
    }

    @Override
    public ComponentLookup components() {
        return this;
    }

    @Override
    public Optional<TokenizerFactory> tokenizer(String name) {
        return registry.find(FactoryKind.TOKENIZER, name).map(TokenizerFactory.class::cast);
    }

    @Override
    public Optional<TeacherFactory> teacher(String name) {
        return registry.find(FactoryKind.TEACHER, name).map(TeacherFactory.class::cast);
    }

    @Override
    public Optional<DiscriminatorFactory> discriminator(String name) {
        return registry.find(FactoryKind.DISCRIMINATOR, name).map(DiscriminatorFactory.class::cast);
    }

    @Override
    public Optional<LanguageModelFactory> languageModel(String name) {
        return registry.find(FactoryKind.LANGUAGE_MODEL, name).map(LanguageModelFactory.class::cast);
    }

    @Override
    public Optional<BenchmarkFactory> benchmark(String name) {
        return registry.find(FactoryKind.BENCHMARK, name).map(BenchmarkFactory.class::cast);
    }

    @Override
    public Optional<SpeakerEncoderFactory> speakerEncoder(String name) {
        return registry.find(FactoryKind.SPEAKER_ENCODER, name).map(SpeakerEncoderFactory.class::cast);
    }
}
