package io.voxtok.plugin.encodec;

import io.voxtok.api.ComponentContext;
import io.voxtok.api.ComponentLookup;
import io.voxtok.api.SpiVersion;
import io.voxtok.api.backend.BackendSpec;

import java.util.Optional;

/** A host context for tests: PyTorch on the CPU with 2 threads, no services, no other components. */
final class TestContext implements ComponentContext {
    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public BackendSpec backend() {
        return BackendSpec.pytorchCpu(2);
    }

    @Override
    public <T> Optional<T> service(Class<T> type) {
        return Optional.empty();
    }

    @Override
    public ComponentLookup components() {
        throw new UnsupportedOperationException("no components in tests");
    }
}
