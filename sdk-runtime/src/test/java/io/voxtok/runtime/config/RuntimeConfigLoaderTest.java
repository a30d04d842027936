package io.voxtok.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.backend.BackendKind;
import io.voxtok.api.backend.DeviceSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void readsEveryKeyAndResolvesPathsAgainstTheFile() throws Exception {
        Path f = dir.resolve("voxtok.yaml");
        Files.writeString(f, """
                backend: onnxruntime
                device: gpu:1
                allowCpuFallback: true
                threads: 3
                pluginsDir: my-plugins
                plugins: [speechtokenizer, hubert]
                developmentPluginDirs: [plugin-x]
                """);
        RuntimeConfig c = RuntimeConfigLoader.load(f);
        assertEquals(BackendKind.ONNX_RUNTIME, c.backend());
        assertEquals(DeviceSpec.gpu(1), c.device());
        assertTrue(c.allowCpuFallback());
        assertEquals(3, c.threads());
        assertEquals(dir.resolve("my-plugins"), c.pluginsDir());
        assertEquals(List.of("speechtokenizer", "hubert"), c.enabledPlugins());
        assertEquals(List.of(dir.resolve("plugin-x")), c.developmentPluginDirs());
    }

    @Test
    void unknownKeysAreErrorsNamingKeyAndFile() throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "backend: pytorch\nthreadz: 2\n");
        VoxtokException e = assertThrows(VoxtokException.class, () -> RuntimeConfigLoader.load(f));
        assertEquals(ErrorKind.USER_INPUT, e.kind());
        assertTrue(e.getMessage().contains("threadz") && e.getMessage().contains("bad.yaml"), e.getMessage());
    }

    @Test
    void badValuesAreClearErrors() {
        assertThrows(VoxtokException.class, () -> RuntimeConfigLoader.parse("backend: tensorflow\n", "x", dir));
        VoxtokException e = assertThrows(VoxtokException.class,
                () -> RuntimeConfigLoader.parse("device: tpu\n", "x.yaml", dir));
        assertTrue(e.getMessage().contains("tpu"), e.getMessage());
        assertThrows(VoxtokException.class, () -> RuntimeConfigLoader.parse("threads: 0\n", "x", dir));
        assertThrows(VoxtokException.class, () -> RuntimeConfigLoader.load(dir.resolve("missing.yaml")));
    }

    @Test
    void emptyFileGivesDefaults() {
        RuntimeConfig c = RuntimeConfigLoader.parse("", "x", dir);
        assertEquals(BackendKind.PYTORCH, c.backend());
        assertEquals(DeviceSpec.cpu(), c.device());
        assertEquals(dir.resolve("plugins"), c.pluginsDir());
    }
}
