package io.voxtok.runtime.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.VoxtokException;
import io.voxtok.runtime.VoxtokRuntime;
import io.voxtok.runtime.config.RuntimeConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginLoadingTest {
    @TempDir
    Path dir;

    @Test
    void enablingOnePluginNeverLoadsTheOthersClasses() throws Exception {
        TestPluginBuilder.build(dir, "alpha", ">=1.0.0 & <2.0.0", "t.alpha",
                TestPluginBuilder.markerEntryPoint("t.alpha", "voxtok.test.alpha"));
        TestPluginBuilder.build(dir, "beta", ">=1.0.0 & <2.0.0", "t.beta",
                TestPluginBuilder.markerEntryPoint("t.beta", "voxtok.test.beta"));
        System.clearProperty("voxtok.test.alpha");
        System.clearProperty("voxtok.test.beta");
        RuntimeConfig c = RuntimeConfig.defaults(dir).withThreads(1).withEnabledPlugins(List.of("alpha"));
        try (VoxtokRuntime rt = VoxtokRuntime.start(c)) {
            assertEquals(List.of("alpha"), rt.plugins().stream().map(p -> p.id()).toList());
            assertEquals("loaded", System.getProperty("voxtok.test.alpha"));
            assertNull(System.getProperty("voxtok.test.beta"), "beta's entry point class must never be loaded");
        }
    }

    @Test
    void allPluginsLoadWhenNoneIsSingledOut() throws Exception {
        TestPluginBuilder.build(dir, "alpha", ">=1.0.0", "t2.alpha",
                TestPluginBuilder.markerEntryPoint("t2.alpha", "voxtok.test.t2a"));
        TestPluginBuilder.build(dir, "beta", ">=1.0.0", "t2.beta",
                TestPluginBuilder.markerEntryPoint("t2.beta", "voxtok.test.t2b"));
        try (VoxtokRuntime rt = VoxtokRuntime.start(RuntimeConfig.defaults(dir).withThreads(1))) {
            assertEquals(2, rt.plugins().size());
        }
    }

    @Test
    void incompatibleSpiIsRefusedNamingBothVersions() throws Exception {
        TestPluginBuilder.build(dir, "future", ">=2.0.0 & <3.0.0", "t.future",
                TestPluginBuilder.markerEntryPoint("t.future", "voxtok.test.future"));
        System.clearProperty("voxtok.test.future");
        try (VoxtokRuntime rt = VoxtokRuntime.start(RuntimeConfig.defaults(dir).withThreads(1))) {
            assertTrue(rt.plugins().isEmpty());
            assertEquals(1, rt.refusedPlugins().size());
            String why = rt.refusedPlugins().get(0).reason();
            assertTrue(why.contains(">=2.0.0 & <3.0.0") && why.contains(io.voxtok.api.SpiVersion.CURRENT), why);
            assertNull(System.getProperty("voxtok.test.future"));
        }
        VoxtokException e = assertThrows(VoxtokException.class, () -> VoxtokRuntime.start(
                RuntimeConfig.defaults(dir).withThreads(1).withEnabledPlugins(List.of("future"))));
        assertTrue(e.getMessage().contains("requires SPI >=2.0.0 & <3.0.0 but this host provides SPI "
                + io.voxtok.api.SpiVersion.CURRENT),
                e.getMessage());
    }

    @Test
    void aMissingEnabledPluginIsNamed() {
        VoxtokException e = assertThrows(VoxtokException.class, () -> VoxtokRuntime.start(
                RuntimeConfig.defaults(dir).withThreads(1).withEnabledPlugins(List.of("nope"))));
        assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
    }

    @Test
    void hostPackagesComeFromTheHost() {
        assertTrue(HostPackages.isHostClass("io.voxtok.api.token.Tokenizer"));
        assertTrue(HostPackages.isHostClass("ai.djl.ndarray.NDArray"));
        assertTrue(!HostPackages.isHostClass("io.voxtok.plugin.speechtokenizer.SpeechTokenizerPlugin"));
    }
}
