package io.voxtok.testkit;

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

/**
 * A host context for plugin tests that call a factory directly, without the runtime: a fixed backend (PyTorch on
 * the CPU with 2 threads by default), no host services and no other components. Immutable and thread-safe.
 */
public final class TestComponentContext implements ComponentContext, ComponentLookup {
    private final BackendSpec backend;

    /** PyTorch on the CPU with 2 threads. */
    public TestComponentContext() {
        this(BackendSpec.pytorchCpu(2));
    }

    /** Plain Java on the CPU, one thread: what the runtime hands a {@code PURE_JAVA} component. */
    public static TestComponentContext pureJava() {
        return new TestComponentContext(new BackendSpec(BackendKind.PURE_JAVA, DeviceSpec.cpu(), 1));
    }

    /** The given backend. */
    public TestComponentContext(BackendSpec backend) {
        this.backend = backend;
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
        return Optional.empty();
    }

    @Override
    public ComponentLookup components() {
        return this;
    }

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
}
