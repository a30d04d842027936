package org.example.metric;

import io.voxtok.api.VoxtokPlugin;
import io.voxtok.api.bench.BenchmarkFactory;
import java.util.List;

/** Entry point: contributes the {@code token-entropy-rate} benchmark. */
public final class ExampleMetricPlugin implements VoxtokPlugin {
    @Override
    public List<BenchmarkFactory> benchmarks() {
        return List.of(new TokenEntropyRateBenchmarkFactory());
    }
}
