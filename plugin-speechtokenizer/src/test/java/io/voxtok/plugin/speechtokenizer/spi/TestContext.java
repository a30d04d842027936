package io.voxtok.plugin.speechtokenizer.spi;

import java.nio.file.Path;

/** Where the shared SpeechTokenizer parity fixture is (the build sets {@code voxtok.shared}). */
final class TestContext {
    private TestContext() {
    }

    static Path fixture() {
        String shared = System.getProperty("voxtok.shared");
        if (shared == null) {
            throw new IllegalStateException("system property voxtok.shared is not set (the build sets it)");
        }
        return Path.of(shared, "fixtures", "parity", "speechtokenizer");
    }
}
