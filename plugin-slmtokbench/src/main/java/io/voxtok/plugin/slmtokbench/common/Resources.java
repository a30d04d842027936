package io.voxtok.plugin.slmtokbench.common;

import io.voxtok.api.ComponentContext;
import io.voxtok.metrics.bench.BenchmarkResources;

/** The host's {@link BenchmarkResources}, or the defaults when the host offers none. */
public final class Resources {
    private Resources() {
    }

    /** What {@code context} offers. */
    public static BenchmarkResources of(ComponentContext context) {
        return context.service(BenchmarkResources.class).orElseGet(BenchmarkResources::defaults);
    }
}
