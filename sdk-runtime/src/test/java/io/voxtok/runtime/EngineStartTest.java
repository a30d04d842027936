package io.voxtok.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import io.voxtok.api.ComponentConfig;
import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.backend.BackendKind;
import io.voxtok.api.backend.DeviceSpec;
import io.voxtok.runtime.config.RuntimeConfig;
import io.voxtok.runtime.plugin.TestPluginBuilder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine starts on first need, on the host's side, with a thread count the process can honour. */
class EngineStartTest {
    @TempDir
    Path dir;

    @Test
    void anAbsentGpuFailsClearlyAtFirstUseUnlessFallbackIsAllowed() {
        RuntimeConfig c = RuntimeConfig.defaults(dir).withThreads(1).withDevice(DeviceSpec.gpu(7));
        // gpu:7 is absent on every machine this runs on (CPU-only libtorch, or fewer than 8 GPUs).
        try (VoxtokRuntime rt = VoxtokRuntime.start(c)) {
            VoxtokException e = assertThrows(VoxtokException.class, rt::backend);
            assertEquals(ErrorKind.ENVIRONMENT, e.kind());
            assertTrue(e.getMessage().contains("gpu:7") && e.getMessage().contains("allowCpuFallback"), e.getMessage());
        }
        try (VoxtokRuntime rt = VoxtokRuntime.start(c.withAllowCpuFallback(true))) {
            assertEquals(DeviceSpec.cpu(), rt.backend().device());
        }
    }

    @Test
    void theEngineStartsOnlyForAComponentThatNeedsIt() throws Exception {
        TestPluginBuilder.build(dir, "pj", ">=1.0.0", "t.pj", TestPluginBuilder.pureJavaTokenizerEntryPoint("t.pj", "pj"));
        try (VoxtokRuntime rt = VoxtokRuntime.start(RuntimeConfig.defaults(dir).withThreads(1))) {
            rt.createTokenizer("pj", ComponentConfig.empty());
            assertFalse(rt.engineStarted(), "a pure-Java component must not start libtorch");
            assertEquals(BackendKind.PYTORCH, rt.backend().kind());
            assertTrue(rt.engineStarted());
            assertEquals("PyTorch", Engine.getEngine("PyTorch").getEngineName());
        }
        try (VoxtokRuntime rt = VoxtokRuntime.start(RuntimeConfig.defaults(dir).withThreads(1)
                .withBackend(BackendKind.PURE_JAVA))) {
            rt.createTokenizer("pj", ComponentConfig.empty());
            assertEquals(BackendKind.PURE_JAVA, rt.backend().kind());
            assertFalse(rt.engineStarted());
        }
    }

    @Test
    void aSecondRuntimeAskingForOtherThreadsSharesTheProcessWideCountAndSaysSo() {
        try (VoxtokRuntime one = VoxtokRuntime.start(RuntimeConfig.defaults(dir).withThreads(1))) {
            assertEquals(1, one.backend().intraOpThreads());
            try (VoxtokRuntime two = VoxtokRuntime.start(RuntimeConfig.defaults(dir).withThreads(2))) {
                assertEquals(1, two.backend().intraOpThreads(), "the count in force, not the one asked for");
                assertEquals(1, ai.djl.pytorch.jni.JniUtils.getNumThreads(), "the first runtime's pool is unchanged");
            }
        }
        // once every holder is closed, the next runtime sets its own count
        try (VoxtokRuntime two = VoxtokRuntime.start(RuntimeConfig.defaults(dir).withThreads(2))) {
            assertEquals(2, two.backend().intraOpThreads());
            assertEquals(2, ai.djl.pytorch.jni.JniUtils.getNumThreads());
        }
    }
}
