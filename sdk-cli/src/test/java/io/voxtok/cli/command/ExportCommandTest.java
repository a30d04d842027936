package io.voxtok.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Argument checks of {@code voxtok export}; no engine is started. */
class ExportCommandTest {
    @TempDir
    Path dir;

    @Test
    void helpListsTheOptions() {
        CliRun r = CliRun.of("export", "--help");
        assertEquals(0, r.code(), r.err());
        for (String o : new String[] {"--official", "--output", "--best", "--recipe", "speechtokenizer", "--threads",
                "--plugins-dir"}) {
            assertTrue(r.out().contains(o), o + " missing from\n" + r.out());
        }
    }

    @Test
    void officialAndOutputAreRequired() {
        CliRun r = CliRun.of("export", "-o", dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--official"), r.err());
        r = CliRun.of("export", "--official", dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--output"), r.err());
    }

    @Test
    void theRunDirectoryMustExistAndTheOutputMustNotBeAFile() throws IOException {
        Path run = dir.resolve("run");
        CliRun r = CliRun.of("export", "--official", run.toString(), "-o", dir.resolve("model").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(run.toString()) && r.err().contains("no such directory"), r.err());
        Files.createDirectory(run);
        Path file = Files.writeString(dir.resolve("model.pt"), "");
        r = CliRun.of("export", "--official", run.toString(), "-o", file.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("is a file"), r.err());
    }
}
