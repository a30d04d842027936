package io.voxtok.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.backend.DeviceSpec;
import io.voxtok.runtime.config.RuntimeConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceResolutionTest {
    @TempDir
    Path dir;

    @Test
    void anAbsentGpuFailsClearlyUnlessFallbackIsAllowed() {
        RuntimeConfig c = RuntimeConfig.defaults(dir).withThreads(1).withDevice(DeviceSpec.gpu(7));
        // gpu:7 is absent on every machine this runs on (CPU-only libtorch, or fewer than 8 GPUs).
        VoxtokException e = assertThrows(VoxtokException.class, () -> VoxtokRuntime.start(c));
        assertEquals(ErrorKind.ENVIRONMENT, e.kind());
        assertTrue(e.getMessage().contains("gpu:7") && e.getMessage().contains("allowCpuFallback"), e.getMessage());
        try (VoxtokRuntime rt = VoxtokRuntime.start(c.withAllowCpuFallback(true))) {
            assertEquals(DeviceSpec.cpu(), rt.backend().device());
        }
    }

    @Test
    void theEngineIsStartedOnTheCallingThreadBeforePlugins() {
        try (VoxtokRuntime rt = VoxtokRuntime.start(RuntimeConfig.defaults(dir).withThreads(1))) {
            assertEquals("PyTorch", Engine.getEngine("PyTorch").getEngineName());
            assertEquals("true", System.getProperty("ai.djl.offline"));
        }
    }
}
