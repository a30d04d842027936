package io.voxtok.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage errors of {@code voxtok analyze} exit with 2; data errors name the file. */
class AnalyzeCommandTest {
    @TempDir
    Path dir;

    @Test
    void usageErrorsExitWithTwo() throws Exception {
        assertEquals(2, CliRun.of("analyze").code());
        assertEquals(2, CliRun.of("analyze", "tokens", "--tokens", dir.toString()).code());
        Files.writeString(dir.resolve("m.jsonl"), "");
        CliRun bad = CliRun.of("analyze", "tokens", "--tokens", dir.toString(), "--manifest",
                dir.resolve("m.jsonl").toString(), "-o", dir.resolve("r").toString(), "--group", "3:1");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("3:1"), bad.err());
        assertEquals(2, CliRun.of("analyze", "speakers", "--manifest", "m.jsonl").code());
    }

    @Test
    void missingTokenFolderIsNamed() {
        Path missing = dir.resolve("nope");
        CliRun r = CliRun.of("analyze", "tokens", "--tokens", missing.toString(), "--manifest",
                dir.resolve("m.jsonl").toString(), "-o", dir.resolve("r").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains(missing.toString()), r.err());
    }
}
