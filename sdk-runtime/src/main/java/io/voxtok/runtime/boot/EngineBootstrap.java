package io.voxtok.runtime.boot;

import ai.djl.engine.Engine;
import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.backend.BackendKind;
import io.voxtok.api.backend.BackendSpec;
import io.voxtok.api.backend.DeviceSpec;
import io.voxtok.runtime.config.RuntimeConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the native engines, on the host's side of every plugin call, when the first component that needs one is
 * created (a pure-Java plugin never starts one, and runs with no engine jar on the class path).
 *
 * <p>Why on the host's side: DJL discovers engines once, through the thread context class loader, in a static
 * initializer; if that first happens inside a plugin call, engines can be invisible for the life of the JVM
 * (DESIGN-NOTES P2), so the runtime starts them itself, with its own loader as the context loader, before handing
 * the component to a plugin factory. ONNX Runtime's environment is a JVM singleton whose thread options are fixed
 * by whoever creates it first (P10).
 *
 * <p>No system property is set: libtorch's thread pools are process-wide, so the thread count is applied through
 * {@link EngineThreads}: a second runtime asking for another count while the first is open shares the first's
 * (with a warning, and reports it in its backend). An
 * explicit {@code -Dai.djl.pytorch.num_threads} (read by DJL itself) wins over the configuration. DJL's offline
 * mode ({@code -Dai.djl.offline=true}, set by the {@code voxtok} launcher) is the application's choice.
 */
public final class EngineBootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(EngineBootstrap.class);
    /** DJL's engine name for libtorch. */
    public static final String PYTORCH = "PyTorch";
    /** The JVM option with which a user fixes libtorch's intra-op threads for the whole process. */
    static final String THREADS_PROPERTY = "ai.djl.pytorch.num_threads";

    private EngineBootstrap() {
    }

    /**
     * What the configuration asks for, before any engine starts: its backend and device, and the thread count
     * ({@code -Dai.djl.pytorch.num_threads} when given, else the configuration's).
     */
    public static BackendSpec requested(RuntimeConfig config) {
        return new BackendSpec(config.backend(), config.device(), threads(config));
    }

    /**
     * Initialises PyTorch (every engine-backed model here runs on it) and ONNX Runtime (when it is the configured
     * backend), claims the process-wide thread setting, checks the requested device and returns the resolved
     * backend. Call {@link EngineThreads#release()} once for every successful call, when done.
     *
     * @throws VoxtokException ENVIRONMENT when an engine cannot start or the GPU is absent without fallback
     */
    public static BackendSpec start(RuntimeConfig config) {
        int threads = threads(config);
        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        // Engines are discovered through the TCCL: make it the host's loader while DJL initialises.
        current.setContextClassLoader(EngineBootstrap.class.getClassLoader());
        try {
            Engine pt;
            try {
                pt = Engine.getEngine(PYTORCH);
            } catch (RuntimeException | LinkageError e) {
                throw new VoxtokException(ErrorKind.ENVIRONMENT, "cannot start the PyTorch engine (libtorch): "
                        + e.getMessage() + " (the engine jars ai.djl.pytorch:pytorch-engine, pytorch-jni and"
                        + " pytorch-native-cpu or -cu* must be on the class path; plugins that run in pure Java"
                        + " need none of them)", e);
            }
            DeviceSpec device = resolveDevice(config, pt.getGpuCount());
            threads = EngineThreads.claim(threads, System.getProperty(THREADS_PROPERTY) == null);
            if (config.backend() == BackendKind.ONNX_RUNTIME) {
                try {
                    OnnxRuntimeStarter.start(threads);
                } catch (RuntimeException | LinkageError e) {
                    EngineThreads.release();
                    throw e;
                }
            }
            LOG.debug("engines ready: PyTorch {} on {}, {} threads", pt.getVersion(), device, threads);
            return new BackendSpec(config.backend(), device, threads);
        } finally {
            current.setContextClassLoader(previous);
        }
    }

    private static int threads(RuntimeConfig config) {
        Integer fixed = Integer.getInteger(THREADS_PROPERTY);
        return fixed != null && fixed > 0 ? fixed : config.threads();
    }

    private static DeviceSpec resolveDevice(RuntimeConfig config, int gpuCount) {
        DeviceSpec wanted = config.device();
        if (!wanted.gpu() || wanted.ordinal() < gpuCount) {
            return wanted;
        }
        String why = gpuCount == 0 ? "no GPU is visible to PyTorch (CPU-only libtorch or no CUDA driver)"
                : "only " + gpuCount + " GPU(s) are visible";
        if (config.allowCpuFallback()) {
            LOG.warn("device {} requested but {}; falling back to the CPU (allowCpuFallback: true)", wanted, why);
            return DeviceSpec.cpu();
        }
        throw new VoxtokException(ErrorKind.ENVIRONMENT, "device " + wanted + " requested but " + why
                + "; use device: cpu, or set allowCpuFallback: true to run on the CPU instead");
    }
}
