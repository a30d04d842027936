package io.voxtok.runtime.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.runtime.VoxtokRuntime;
import io.voxtok.runtime.config.RuntimeConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plugin sees the JDK, the SPI and the shared toolkit of the host, and its own libraries; nothing else. */
class PluginIsolationTest {
    @TempDir
    Path dir;

    /** An entry point that records, per class name, "plugin", "host" or "hidden" as the class' origin. */
    private static String probingEntryPoint(String pkg, String... classNames) {
        StringBuilder b = new StringBuilder("package " + pkg + ";\n"
                + "public final class EntryPoint implements io.voxtok.api.VoxtokPlugin {\n  static {\n");
        for (String c : classNames) {
            b.append("    try {\n"
                    + "      Class<?> k = Class.forName(\"" + c + "\", false, EntryPoint.class.getClassLoader());\n"
                    + "      System.setProperty(\"voxtok.iso." + c + "\", k.getClassLoader() == EntryPoint.class.getClassLoader()"
                    + " ? \"plugin\" : \"host\");\n"
                    + "    } catch (ClassNotFoundException e) {\n"
                    + "      System.setProperty(\"voxtok.iso." + c + "\", \"hidden\");\n"
                    + "    }\n");
        }
        return b.append("  }\n}\n").toString();
    }

    private static String origin(String className) {
        return System.getProperty("voxtok.iso." + className);
    }

    @Test
    void aPluginSeesTheSharedPackagesButNotTheRuntimeOrTheHostsPrivateLibraries() throws Exception {
        String[] probes = {"io.voxtok.runtime.VoxtokRuntime", "io.voxtok.runtime.plugin.HostPackages",
                "com.google.inject.Guice", "com.fasterxml.jackson.databind.ObjectMapper", "org.pf4j.PluginManager",
                "io.voxtok.api.VoxtokPlugin", "io.voxtok.nn.seanet.SeanetEncoder", "ai.djl.ndarray.NDArray",
                "org.slf4j.LoggerFactory", "java.util.List", "java.sql.Timestamp"};
        TestPluginBuilder.build(dir, "probe", ">=1.0.0", "iso.probe", probingEntryPoint("iso.probe", probes));
        try (VoxtokRuntime rt = VoxtokRuntime.start(RuntimeConfig.defaults(dir).withThreads(1))) {
            assertEquals(1, rt.plugins().size(), rt.refusedPlugins().toString());
        }
        for (String hidden : new String[] {"io.voxtok.runtime.VoxtokRuntime", "io.voxtok.runtime.plugin.HostPackages",
                "com.google.inject.Guice", "com.fasterxml.jackson.databind.ObjectMapper", "org.pf4j.PluginManager"}) {
            assertEquals("hidden", origin(hidden), hidden);
        }
        for (String shared : new String[] {"io.voxtok.api.VoxtokPlugin", "io.voxtok.nn.seanet.SeanetEncoder",
                "ai.djl.ndarray.NDArray",
                "org.slf4j.LoggerFactory", "java.util.List", "java.sql.Timestamp"}) {
            assertEquals("host", origin(shared), shared);
        }
    }

    @Test
    void aPluginBundlingItsOwnGuiceGetsItsOwnCopy() throws Exception {
        String ownGuice = "package com.google.inject;\npublic final class Guice {\n"
                + "  public static String who() { return \"the plugin's own\"; }\n}\n";
        String ownJackson = "package com.fasterxml.jackson.databind;\npublic final class ObjectMapper { }\n";
        TestPluginBuilder.build(dir, "bundler", ">=1.0.0", "iso.bundler",
                probingEntryPoint("iso.bundler", "com.google.inject.Guice", "com.fasterxml.jackson.databind.ObjectMapper"),
                ownGuice, ownJackson);
        try (VoxtokRuntime rt = VoxtokRuntime.start(RuntimeConfig.defaults(dir).withThreads(1))) {
            assertEquals(1, rt.plugins().size(), rt.refusedPlugins().toString());
        }
        assertEquals("plugin", origin("com.google.inject.Guice"));
        assertEquals("plugin", origin("com.fasterxml.jackson.databind.ObjectMapper"));
    }

    @Test
    void serviceRegistrationsOfSharedTypesAreVisibleAndPrivateOnesAreNot() {
        assertTrue(SharedPackagesClassLoader.isSharedResource("META-INF/services/ai.djl.engine.EngineProvider"));
        assertTrue(SharedPackagesClassLoader.isSharedResource("ai/djl/engine/Engine.class"));
        assertTrue(!SharedPackagesClassLoader.isSharedResource("META-INF/services/com.fasterxml.jackson.databind.Module"));
        assertTrue(!SharedPackagesClassLoader.isSharedResource("io/voxtok/runtime/VoxtokRuntime.class"));
    }
}
