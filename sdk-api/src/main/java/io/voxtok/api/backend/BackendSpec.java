package io.voxtok.api.backend;

import java.util.Objects;

/**
 * The backend and device a component must use, as resolved by the runtime. Immutable.
 *
 * @param kind          the engine
 * @param device        the device (after any permitted GPU to CPU fallback)
 * @param intraOpThreads threads for one operator (the configured {@code threads})
 */
public record BackendSpec(BackendKind kind, DeviceSpec device, int intraOpThreads) {
    /** Validates. */
    public BackendSpec {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(device);
        if (intraOpThreads < 1) {
            throw new IllegalArgumentException("threads must be >= 1");
        }
    }

    /** PyTorch on the CPU with the given number of threads. */
    public static BackendSpec pytorchCpu(int threads) {
        return new BackendSpec(BackendKind.PYTORCH, DeviceSpec.cpu(), threads);
    }
}
