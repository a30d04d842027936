package io.voxtok.cli.support;

import io.voxtok.api.backend.BackendKind;
import io.voxtok.api.backend.DeviceSpec;
import io.voxtok.runtime.VoxtokRuntime;
import io.voxtok.runtime.config.RuntimeConfig;
import io.voxtok.runtime.config.RuntimeConfigLoader;
import io.voxtok.runtime.plugin.VoxtokPluginManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Options shared by every command that starts the runtime. Precedence: command-line options, then
 * {@code --config FILE} (or {@code ./voxtok.yaml} if present), then defaults ({@code plugins/} of the Voxtok
 * home, PyTorch on the CPU).
 */
public final class RuntimeOptions {
    @Option(names = "--runtime-config", paramLabel = "FILE", description = "runtime config (YAML); default ./voxtok.yaml if present")
    Path config;

    @Option(names = "--plugins-dir", paramLabel = "DIR", description = "where plugins are found (default: <voxtok home>/plugins)")
    Path pluginsDir;

    @Option(names = "--device", paramLabel = "DEV", description = "cpu, gpu or gpu:N")
    String device;

    @Option(names = "--cpu-fallback", description = "run on the CPU if the requested GPU is absent")
    boolean cpuFallback;

    @Option(names = "--backend", paramLabel = "NAME", description = "pytorch, onnxruntime or pure-java (no native engine: pure-Java components only)")
    String backend;

    @Option(names = "--threads", paramLabel = "N", description = "engine threads (default: config, else all cores)")
    Integer threads;

    @Option(names = "--enable-plugin", paramLabel = "ID", description = "load only these plugins (repeatable)")
    List<String> enable = new ArrayList<>();

    @Option(names = "--dev", description = "development mode: also load plugin modules' build output (target/classes)")
    boolean dev;

    @Option(names = {"-v", "--verbose"}, description = "log more and print stack traces on errors")
    boolean verbose;

    /** Whether {@code -v}/{@code --verbose} was given (stack traces with errors). */
    public boolean verbose() {
        return verbose;
    }

    /** The Voxtok home (the repository root when run from the repo's launcher). */
    public static Path home() {
        String h = System.getProperty("voxtok.home");
        return Path.of(h == null ? "." : h).toAbsolutePath().normalize();
    }

    /** A {@code -m} argument: an existing path as given, else a shipped or {@code VOXTOK_MODELS} model's name. */
    public static Path resolveModel(Path model) {
        return io.voxtok.runtime.model.ModelCatalog.standard(home()).resolve(model);
    }

    /** The effective configuration. */
    public RuntimeConfig resolve() {
        RuntimeConfig c;
        Path cfg = config;
        if (cfg == null && Files.isRegularFile(Path.of("voxtok.yaml"))) {
            cfg = Path.of("voxtok.yaml");
        }
        c = cfg != null ? RuntimeConfigLoader.load(cfg) : RuntimeConfig.defaults(home().resolve("plugins"));
        if (pluginsDir != null) {
            c = new RuntimeConfig(c.backend(), c.device(), c.allowCpuFallback(), c.threads(), pluginsDir.toAbsolutePath(),
                    c.enabledPlugins(), c.developmentPluginDirs());
        }
        if (device != null) {
            c = c.withDevice(DeviceSpec.parse(device));
        }
        if (cpuFallback) {
            c = c.withAllowCpuFallback(true);
        }
        if (backend != null) {
            c = c.withBackend(switch (backend.toLowerCase(java.util.Locale.ROOT)) {
                case "pytorch" -> BackendKind.PYTORCH;
                case "onnxruntime", "onnx" -> BackendKind.ONNX_RUNTIME;
                case "pure-java", "purejava", "java" -> BackendKind.PURE_JAVA;
                default -> throw new IllegalArgumentException("--backend must be pytorch, onnxruntime or pure-java, got "
                        + backend);
            });
        }
        if (threads != null) {
            if (threads < 1) {
                throw new IllegalArgumentException("--threads must be >= 1");
            }
            c = c.withThreads(threads);
        }
        if (!enable.isEmpty()) {
            c = c.withEnabledPlugins(enable);
        }
        if (dev) {
            c = c.withDevelopmentPluginDirs(VoxtokPluginManager.findBuiltModules(home()));
        }
        return c;
    }

    /** Starts a runtime with the effective configuration. */
    public VoxtokRuntime start() {
        return VoxtokRuntime.start(resolve());
    }
}
