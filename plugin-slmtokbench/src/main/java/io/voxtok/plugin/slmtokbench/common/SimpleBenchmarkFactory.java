package io.voxtok.plugin.slmtokbench.common;

import io.voxtok.api.ComponentConfig;
import io.voxtok.api.ComponentContext;
import io.voxtok.api.ComponentId;
import io.voxtok.api.backend.BackendKind;
import io.voxtok.api.bench.Benchmark;
import io.voxtok.api.bench.BenchmarkFactory;
import io.voxtok.metrics.bench.BenchmarkResources;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * A factory for a pure-Java benchmark that takes no options: it reads the host's {@link BenchmarkResources} and
 * builds the benchmark from them.
 */
public abstract class SimpleBenchmarkFactory implements BenchmarkFactory {
    private final ComponentId id;
    private final String description;
    private final BiFunction<ComponentId, BenchmarkResources, Benchmark> make;

    /** A factory for {@code name} whose benchmarks {@code make} builds. */
    protected SimpleBenchmarkFactory(String name, String description,
                                     BiFunction<ComponentId, BenchmarkResources, Benchmark> make) {
        this.id = ComponentId.of(name);
        this.description = description;
        this.make = make;
    }

    @Override
    public ComponentId id() {
        return id;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public Set<BackendKind> supportedBackends() {
        // The benchmark itself runs in Java; the subject tokenizer brings its own backend.
        return EnumSet.allOf(BackendKind.class);
    }

    @Override
    public Benchmark create(ComponentConfig config, ComponentContext context) {
        config.requireKnownKeys(Set.of());
        return make.apply(id, Resources.of(context));
    }
}
