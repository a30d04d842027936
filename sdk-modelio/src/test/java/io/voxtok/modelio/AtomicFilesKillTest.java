package io.voxtok.modelio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer killed with SIGKILL leaves the old target whole, a hidden temporary file and its write-lock file; a sweep
 * removes both once their writer is dead and leaves the files of a writer that is still alive.
 */
class AtomicFilesKillTest {
    @TempDir
    Path dir;

    @Test
    void aKilledWriterLeavesTheOldFileAndATemporaryFileTheSweepRemoves() throws Exception {
        Path target = Files.writeString(dir.resolve("out.bin"), "old");
        Process child = startWriter(target);
        try {
            awaitWriting(child);
            List<Path> temps = temporaries();
            assertEquals(1, temps.size(), "the live writer's temporary file: " + temps);
            assertTrue(Files.size(temps.get(0)) >= 1 << 20, "the first part was flushed");
            assertEquals(List.of(), AtomicFiles.removeStaleTemporaries(dir), "a live writer's file stays");
            assertTrue(Files.exists(temps.get(0)));
            child.destroyForcibly(); // SIGKILL on POSIX: no finally block of the writer runs
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            assertEquals("old", Files.readString(target), "the target is never partly written");
            assertEquals(temps, temporaries(), "the killed writer left its temporary file");
            Path lock = dir.resolve(".out.bin.writelock");
            assertTrue(Files.exists(lock), "and its write-lock file");
            assertEquals(List.of(temps.get(0), lock), AtomicFiles.removeStaleTemporaries(dir));
            assertFalse(Files.exists(lock));
            assertEquals(List.of(), temporaries());
            assertEquals("old", Files.readString(target));
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void theSweepOnlyTakesFilesNamedLikeTemporaryFiles() throws IOException {
        Path stale = Files.writeString(dir.resolve(".x.vtok.8123456789012345678.tmp"), "partial");
        Path user = Files.writeString(dir.resolve("x.123.tmp"), "a user's file");
        Path noNumber = Files.writeString(dir.resolve(".x.vtok.tmp"), "not ours");
        Path sub = Files.createDirectories(dir.resolve("sub"));
        Path deeper = Files.writeString(sub.resolve(".y.wav.42.tmp"), "only this folder is swept");
        Path folder = Files.createDirectories(dir.resolve(".z.wav.7.tmp"));
        assertEquals(List.of(stale), AtomicFiles.removeStaleTemporaries(dir));
        for (Path kept : List.of(user, noNumber, deeper, folder)) {
            assertTrue(Files.exists(kept), kept.toString());
        }
        assertFalse(AtomicFiles.isTemporaryName("x.wav"));
        assertTrue(AtomicFiles.isTemporaryName(".x.wav.1.tmp"));
        assertEquals(List.of(), AtomicFiles.removeStaleTemporaries(dir.resolve("missing")));
    }

    private Process startWriter(Path target) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SlowAtomicWriter.class.getName(), target.toString());
        pb.redirectErrorStream(true);
        return pb.start();
    }

    private static void awaitWriting(Process child) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            if (line.equals("writing")) {
                return;
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("the writer ended before writing:\n" + seen);
    }

    private List<Path> temporaries() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> AtomicFiles.isTemporaryName(p.getFileName().toString())).sorted().toList();
        }
    }
}
