package io.voxtok.api.bench;

import io.voxtok.api.ComponentFactory;

/** Creates {@link Benchmark}s. */
public interface BenchmarkFactory extends ComponentFactory<Benchmark> {
}
