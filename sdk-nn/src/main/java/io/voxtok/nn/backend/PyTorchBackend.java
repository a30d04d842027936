package io.voxtok.nn.backend;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDManager;
import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;

/**
 * Creates managers on DJL's PyTorch engine by name (never {@code Engine.getInstance()}, which depends on the
 * thread's context class loader inside plugins).
 */
public final class PyTorchBackend {
    /** DJL engine name. */
    public static final String ENGINE = "PyTorch";

    private PyTorchBackend() {
    }

    /** The PyTorch engine. */
    public static Engine engine() {
        Engine engine;
        try {
            engine = Engine.getEngine(ENGINE);
        } catch (EngineException | IllegalArgumentException e) {
            throw new VoxtokException(ErrorKind.ENVIRONMENT, "the DJL PyTorch engine is not available: "
                    + e.getMessage(), e);
        }
        if (engine == null) {
            throw new VoxtokException(ErrorKind.ENVIRONMENT, "the DJL PyTorch engine is not available");
        }
        return engine;
    }

    /**
     * Parses a device name: {@code "cpu"}, {@code "gpu"} / {@code "cuda"} (GPU 0), {@code "gpu1"},
     * {@code "cuda:1"}.
     *
     * @throws VoxtokException ({@link ErrorKind#USER_INPUT}) for other names
     */
    public static Device device(String name) {
        String n = name.trim().toLowerCase(java.util.Locale.ROOT);
        if (n.equals("cpu")) {
            return Device.cpu();
        }
        String id = n.startsWith("cuda") ? n.substring(4).replace(":", "") : n.startsWith("gpu") ? n.substring(3)
                : null;
        if (id != null) {
            try {
                return Device.gpu(id.isEmpty() ? 0 : Integer.parseInt(id));
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
        }
        throw VoxtokException.userInput("unknown device '" + name + "' (use cpu, gpu, gpu1, cuda:0 ...)");
    }

    /**
     * A new root manager on {@code device} of the PyTorch engine; the caller closes it.
     *
     * @throws VoxtokException ({@link ErrorKind#ENVIRONMENT}) if the device is not available
     */
    public static NDManager newManager(Device device) {
        Engine engine = engine();
        if (device.isGpu() && device.getDeviceId() >= engine.getGpuCount()) {
            throw new VoxtokException(ErrorKind.ENVIRONMENT, "device " + device + " requested but the PyTorch engine"
                    + " sees " + engine.getGpuCount() + " GPU(s)");
        }
        return engine.newBaseManager(device);
    }
}
