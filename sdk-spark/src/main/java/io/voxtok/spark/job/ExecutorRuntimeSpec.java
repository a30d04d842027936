package io.voxtok.spark.job;

import io.voxtok.api.backend.BackendKind;
import io.voxtok.api.backend.DeviceSpec;
import io.voxtok.runtime.config.RuntimeConfig;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;

/**
 * How an executor starts its Voxtok runtime: the driver's resolved runtime options in serialisable form. The
 * plugins folder is located again on each executor ({@link ExecutorPaths}), since under spark-submit it may arrive
 * as an archive in the executor's working folder rather than at the driver's path.
 *
 * @param backend        {@code PYTORCH} or {@code ONNX_RUNTIME}
 * @param device         {@code cpu} or {@code gpu:N}
 * @param cpuFallback    run on the CPU when the GPU is absent
 * @param threads        engine threads per task (the job also sets {@code spark.task.cpus} to it)
 * @param pluginsDir     the plugins folder as the driver sees it
 * @param enabledPlugins plugin ids to load; empty = all
 * @param devModuleDirs  plugin module folders for development mode; empty = none
 */
public record ExecutorRuntimeSpec(String backend, String device, boolean cpuFallback, int threads, String pluginsDir,
                                  List<String> enabledPlugins, List<String> devModuleDirs) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Copies the lists. */
    public ExecutorRuntimeSpec {
        enabledPlugins = List.copyOf(enabledPlugins);
        devModuleDirs = List.copyOf(devModuleDirs);
    }

    /** The serialisable form of {@code c} with {@code threads} engine threads. */
    public static ExecutorRuntimeSpec of(RuntimeConfig c, int threads) {
        DeviceSpec d = c.device();
        return new ExecutorRuntimeSpec(c.backend().name(), d.gpu() ? "gpu:" + d.ordinal() : "cpu", c.allowCpuFallback(),
                threads, c.pluginsDir().toString(), c.enabledPlugins(),
                c.developmentPluginDirs().stream().map(Path::toString).toList());
    }

    /** The runtime configuration on this JVM, with the plugins folder found here. */
    public RuntimeConfig toConfig(Path plugins) {
        return new RuntimeConfig(BackendKind.valueOf(backend), DeviceSpec.parse(device), cpuFallback, threads, plugins,
                enabledPlugins, devModuleDirs.stream().map(Path::of).toList());
    }
}
