package io.voxtok.units;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared HuBERT parity fixture; fails (never skips) when it is missing. */
final class Fixtures {
    private Fixtures() {
    }

    static Path hubert() {
        String shared = System.getProperty("voxtok.shared");
        assertTrue(shared != null, "system property voxtok.shared is not set (surefire sets it)");
        Path dir = Path.of(shared, "fixtures", "parity", "hubert");
        assertTrue(Files.isDirectory(dir), "missing fixture directory " + dir);
        return dir;
    }
}
