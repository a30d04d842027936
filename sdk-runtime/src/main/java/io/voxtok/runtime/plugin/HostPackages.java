package io.voxtok.runtime.plugin;

import java.util.List;

/**
 * Packages every plugin must load from the host, never from its own {@code lib/}: the SPI, the shared
 * Voxtok libraries and the native engines. One copy of each keeps types identical across plugins (no
 * ClassCastException between loaders, DESIGN-NOTES P4) and keeps JNI libraries in one loader (P3).
 */
public final class HostPackages {
    /** Prefixes delegated to the host class loader. */
    public static final List<String> PREFIXES = List.of(
            "io.voxtok.api.", "io.voxtok.modelio.", "io.voxtok.audio.", "io.voxtok.nn.", "io.voxtok.units.",
            "io.voxtok.training.", "io.voxtok.data.", "io.voxtok.metrics.",
            "ai.djl.", "ai.onnxruntime.", "org.slf4j.", "com.google.inject.", "jakarta.inject.", "javax.inject.",
            "org.pf4j.");

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
