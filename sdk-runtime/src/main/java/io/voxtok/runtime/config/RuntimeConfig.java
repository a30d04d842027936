package io.voxtok.runtime.config;

import io.voxtok.api.backend.BackendKind;
import io.voxtok.api.backend.DeviceSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The runtime's configuration, usually read from YAML by {@link RuntimeConfigLoader}. Immutable.
 *
 * @param backend          engine used by components that support several ({@code pytorch} or {@code onnxruntime})
 * @param device           {@code cpu} or {@code gpu:N}
 * @param allowCpuFallback when the requested GPU is absent, run on the CPU (with a warning) instead of failing
 * @param threads          intra-op threads of the engine
 * @param pluginsDir       directory holding plugin zips/jars/directories
 * @param enabledPlugins   plugin ids to load; empty = every plugin found
 * @param developmentPluginDirs plugin module directories to load from their build output
 *                         ({@code target/classes} + {@code target/lib}) in development mode; empty = no dev mode
 */
public record RuntimeConfig(BackendKind backend, DeviceSpec device, boolean allowCpuFallback, int threads,
                            Path pluginsDir, List<String> enabledPlugins, List<Path> developmentPluginDirs) {
    /** Validates and copies. */
    public RuntimeConfig {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(pluginsDir, "pluginsDir");
        if (threads < 1 || threads > 1024) {
            throw new IllegalArgumentException("threads must be in [1, 1024], got " + threads);
        }
        enabledPlugins = List.copyOf(enabledPlugins);
        developmentPluginDirs = List.copyOf(developmentPluginDirs);
    }

    /** PyTorch on the CPU, all plugins from {@code pluginsDir}, threads = available processors. */
    public static RuntimeConfig defaults(Path pluginsDir) {
        return new RuntimeConfig(BackendKind.PYTORCH, DeviceSpec.cpu(), false,
                Math.max(1, Runtime.getRuntime().availableProcessors()), pluginsDir, List.of(), List.of());
    }

    /** A copy that loads only the given plugins. */
    public RuntimeConfig withEnabledPlugins(List<String> ids) {
        return new RuntimeConfig(backend, device, allowCpuFallback, threads, pluginsDir, ids, developmentPluginDirs);
    }

    /** A copy with another device. */
    public RuntimeConfig withDevice(DeviceSpec d) {
        return new RuntimeConfig(backend, d, allowCpuFallback, threads, pluginsDir, enabledPlugins, developmentPluginDirs);
    }

    /** A copy with another thread count. */
    public RuntimeConfig withThreads(int n) {
        return new RuntimeConfig(backend, device, allowCpuFallback, n, pluginsDir, enabledPlugins, developmentPluginDirs);
    }

    /** A copy with another backend. */
    public RuntimeConfig withBackend(BackendKind b) {
        return new RuntimeConfig(b, device, allowCpuFallback, threads, pluginsDir, enabledPlugins, developmentPluginDirs);
    }

    /** A copy with CPU fallback allowed or not. */
    public RuntimeConfig withAllowCpuFallback(boolean allow) {
        return new RuntimeConfig(backend, device, allow, threads, pluginsDir, enabledPlugins, developmentPluginDirs);
    }

    /** A copy with development plugin directories. */
    public RuntimeConfig withDevelopmentPluginDirs(List<Path> dirs) {
        return new RuntimeConfig(backend, device, allowCpuFallback, threads, pluginsDir, enabledPlugins, dirs);
    }
}
