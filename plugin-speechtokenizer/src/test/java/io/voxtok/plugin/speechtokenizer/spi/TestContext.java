package io.voxtok.plugin.speechtokenizer.spi;

import io.voxtok.api.ComponentContext;
import io.voxtok.api.ComponentLookup;
import io.voxtok.api.SpiVersion;
import io.voxtok.api.backend.BackendSpec;
import java.nio.file.Path;
import java.util.Optional;

/** A host context for tests: PyTorch on the CPU, no other components. */
final class TestContext implements ComponentContext {
    static Path fixture() {
        String shared = System.getProperty("voxtok.shared");
        if (shared == null) {
            throw new IllegalStateException("system property voxtok.shared is not set (the build sets it)");
        }
        return Path.of(shared, "fixtures", "parity", "speechtokenizer");
    }

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
        throw new UnsupportedOperationException("no other components in this test");
    }
}
