package org.example.metric;

import io.voxtok.api.ComponentConfig;
import io.voxtok.api.ComponentContext;
import io.voxtok.api.ComponentId;
import io.voxtok.api.backend.BackendKind;
import io.voxtok.api.bench.Benchmark;
import io.voxtok.api.bench.BenchmarkFactory;
import java.util.EnumSet;
import java.util.Set;

/** Creates {@link TokenEntropyRateBenchmark}s. */
public final class TokenEntropyRateBenchmarkFactory implements BenchmarkFactory {
    /** The benchmark's id. */
    public static final ComponentId ID = ComponentId.of("token-entropy-rate");

    @Override
    public ComponentId id() {
        return ID;
    }

    @Override
    public String description() {
        return "bigram conditional entropy of RVQ-1 tokens (bits/token) and mean run length (sample plugin)";
    }

    @Override
    public Set<BackendKind> supportedBackends() {
        return EnumSet.allOf(BackendKind.class);
    }

    @Override
    public Benchmark create(ComponentConfig config, ComponentContext context) {
        config.requireKnownKeys(Set.of());
        return new TokenEntropyRateBenchmark();
    }
}
