package io.voxtok.plugin.speechtokenizer;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The shared parity fixtures ({@code <voxtok.shared>/fixtures/parity/<name>}), found through surefire's property. */
public final class SharedFixtures {
    private SharedFixtures() {
    }

    /** The fixture directory {@code name}; fails (not skips) when the shared folder or the fixture is missing. */
    public static Path dir(String name) {
        String shared = System.getProperty("voxtok.shared");
        if (shared == null) {
            fail("system property voxtok.shared is not set (surefire sets it to <root>/../shared)");
        }
        Path dir = Path.of(shared, "fixtures", "parity", name);
        assertTrue(Files.isDirectory(dir), "missing parity fixture " + dir);
        return dir;
    }
}
