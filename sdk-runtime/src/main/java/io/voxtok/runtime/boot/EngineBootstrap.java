package io.voxtok.runtime.boot;

import ai.djl.engine.Engine;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.backend.BackendKind;
import io.voxtok.api.backend.BackendSpec;
import io.voxtok.api.backend.DeviceSpec;
import io.voxtok.runtime.config.RuntimeConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the native engines on the calling (main) thread before any plugin loads.
 *
 * <p>Why: DJL discovers engines once, through the thread context class loader, in a static initializer; if that
 * first happens inside a plugin call, engines can be invisible for the life of the JVM (DESIGN-NOTES P2). ONNX
 * Runtime's environment is a JVM singleton whose thread options are fixed by whoever creates it first (P10).
 * DJL never downloads natives: offline mode is forced.
 */
public final class EngineBootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(EngineBootstrap.class);
    /** DJL's engine name for libtorch. */
    public static final String PYTORCH = "PyTorch";

    private EngineBootstrap() {
    }

    /**
     * Initialises PyTorch (always: the bundled models run on it) and ONNX Runtime (when it is the configured
     * backend), checks the requested device and returns the resolved backend.
     *
     * @throws VoxtokException ENVIRONMENT when an engine cannot start or the GPU is absent without fallback
     */
    public static BackendSpec start(RuntimeConfig config) {
        System.setProperty("ai.djl.offline", "true");
        setIfAbsent("ai.djl.pytorch.num_threads", Integer.toString(config.threads()));
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        setIfAbsent("ai.djl.pytorch.graph_optimizer", "false");
        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        // Engines are discovered through the TCCL: make it the host's loader while DJL initialises.
        current.setContextClassLoader(EngineBootstrap.class.getClassLoader());
        try {
            Engine pt;
            try {
                pt = Engine.getEngine(PYTORCH);
            } catch (RuntimeException | UnsatisfiedLinkError e) {
                throw new VoxtokException(ErrorKind.ENVIRONMENT,
                        "cannot start the PyTorch engine (libtorch): " + e.getMessage(), e);
            }
            DeviceSpec device = resolveDevice(config, pt.getGpuCount());
            if (config.backend() == BackendKind.ONNX_RUNTIME) {
                startOnnxRuntime(config.threads());
            }
            LOG.debug("engines ready: PyTorch {} on {}", pt.getVersion(), device);
            return new BackendSpec(config.backend(), device, config.threads());
        } finally {
            current.setContextClassLoader(previous);
        }
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

    private static void startOnnxRuntime(int threads) {
        try {
            OrtEnvironment.ThreadingOptions options = new OrtEnvironment.ThreadingOptions();
            options.setGlobalIntraOpNumThreads(threads);
            options.setGlobalInterOpNumThreads(1);
            OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING, "voxtok", options);
            options.close();
        } catch (OrtException | IllegalStateException e) {
            // IllegalStateException: an environment already exists (created earlier in this JVM); reuse it.
            if (e instanceof IllegalStateException) {
                LOG.debug("ONNX Runtime environment already exists; reusing it");
                return;
            }
            throw new VoxtokException(ErrorKind.ENVIRONMENT, "cannot start ONNX Runtime: " + e.getMessage(), e);
        } catch (UnsatisfiedLinkError e) {
            throw new VoxtokException(ErrorKind.ENVIRONMENT, "cannot load ONNX Runtime natives: " + e.getMessage(), e);
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
