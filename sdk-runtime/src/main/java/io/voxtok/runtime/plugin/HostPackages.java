package io.voxtok.runtime.plugin;

import java.util.List;

/**
 * The host packages a plugin shares, and the only host classes it can see at all (with the JDK): the SPI, the
 * plugin toolkit (Voxtok's model I/O, audio, neural-network blocks, units, training, data and metrics libraries,
 * versioned with the SPI), the native engines' Java APIs and SLF4J. They are always loaded from the host, never
 * from a plugin's {@code lib/}: one copy of each keeps types identical across plugins (no ClassCastException between
 * loaders, DESIGN-NOTES P4) and keeps JNI libraries in one loader (P3). Everything else of the host (the runtime,
 * the CLI, Guice, PF4J, Jackson, picocli, ...) is invisible to plugins ({@link SharedPackagesClassLoader}).
 */
public final class HostPackages {
    /** Prefixes shared with, and delegated to, the host class loader. */
    public static final List<String> PREFIXES = List.of(
            "io.voxtok.api.", "io.voxtok.modelio.", "io.voxtok.audio.", "io.voxtok.nn.", "io.voxtok.units.",
            "io.voxtok.training.", "io.voxtok.data.", "io.voxtok.metrics.",
            "ai.djl.", "ai.onnxruntime.", "org.slf4j.");

    private HostPackages() {
    }

    /** True when {@code className} must come from the host. */
    public static boolean isHostClass(String className) {
        for (String p : PREFIXES) {
            if (className.startsWith(p)) {
                return true;
            }
        }
        return false;
    }
}
