package io.voxtok.modelio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two writers of one path never both succeed silently (issue #16: two processes writing one output both exited 0
 * and one result was lost): a write while another process writes the same target fails at once naming it, and a
 * target claimed by a run is not replaced when another writer changed it meanwhile; the other writer's file is kept
 * either way. Threads of one process take turns.
 */
class AtomicFilesConcurrentWritersTest {
    @TempDir
    Path dir;

    @Test
    void aWriteWhileAnotherProcessWritesTheTargetFailsAndItsResultStands() throws Exception {
        Path target = dir.resolve("x.vtok");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SlowAtomicWriter.class.getName(), target.toString()).redirectErrorStream(true).start();
        try {
            awaitWriting(child);
            VoxtokException e = assertThrows(VoxtokException.class, () -> AtomicFiles.writeString(target, "mine"));
            assertEquals(ErrorKind.USER_INPUT, e.kind());
            assertTrue(e.getMessage().startsWith(target + ": cannot write: another process is writing it at the same"
                    + " time (it holds .x.vtok.writelock)"), e.getMessage());
            assertFalse(Files.exists(target), "nothing of the loser was moved into place");
            assertEquals(List.of(), AtomicFiles.removeStaleTemporaries(dir), "the live writer's files stay");
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            AtomicFiles.writeString(target, "mine");
            assertEquals("mine", Files.readString(target), "a dead writer's lock file is taken over");
            assertFalse(Files.exists(dir.resolve(".x.vtok.writelock")), "a write removes its lock file");
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void threadsOfOneProcessWritingOneTargetTakeTurns() throws Exception {
        Path target = dir.resolve("y.wav");
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> first = pool.submit(() -> AtomicFiles.write(target, out -> {
                out.write("first".getBytes(StandardCharsets.UTF_8));
                writing.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertTrue(writing.await(30, TimeUnit.SECONDS));
            Future<?> second = pool.submit(() -> AtomicFiles.writeString(target, "second"));
            Thread.sleep(200);
            assertFalse(second.isDone(), "the second thread waits for the first one's write");
            assertFalse(Files.exists(target));
            release.countDown();
            first.get(30, TimeUnit.SECONDS);
            second.get(30, TimeUnit.SECONDS);
            assertEquals("second", Files.readString(target), "then replaces it whole, as a rewrite does");
            assertFalse(Files.exists(dir.resolve(".y.wav.writelock")));
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void aClaimedTargetChangedByAnotherWriterIsNotReplaced() throws IOException {
        Path target = Files.writeString(dir.resolve("z.vtok"), "old");
        try (OutputClaim claim = OutputClaim.of(List.of(target))) {
            AtomicFiles.writeString(target, "ours, first");
            AtomicFiles.writeString(target, "ours, again: a run may rewrite its own file");
            assertFalse(OutputClaim.changedByOthers(target));
            Files.delete(target); // another writer's move: a new file (new inode) at the path
            Files.writeString(target, "theirs");
            assertTrue(OutputClaim.changedByOthers(target));
            VoxtokException e = assertThrows(VoxtokException.class, () -> AtomicFiles.writeString(target, "ours"));
            assertEquals(ErrorKind.USER_INPUT, e.kind());
            assertTrue(e.getMessage().startsWith(target + ": not written: another process wrote it while this run was"
                    + " working on it"), e.getMessage());
            assertEquals("theirs", Files.readString(target));
        }
        AtomicFiles.writeString(target, "after the run, writes are free again");
        assertFalse(OutputClaim.changedByOthers(target));
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
}
