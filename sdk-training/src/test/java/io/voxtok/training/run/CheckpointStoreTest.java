package io.voxtok.training.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.VoxtokException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {
    @TempDir
    Path run;

    private static CheckpointWriter files(String content) {
        return d -> {
            Files.writeString(d.resolve("state.json"), content);
            Files.createDirectories(d.resolve("sub"));
            Files.writeString(d.resolve("sub/weights.bin"), "w" + content);
        };
    }

    private List<String> entries() throws IOException {
        try (Stream<Path> s = Files.list(run.resolve("checkpoints"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void resumeNeedsACheckpointAndTakesTheLatest() throws IOException {
        CheckpointStore store = new CheckpointStore(run, 3);
        VoxtokException e = assertThrows(VoxtokException.class, store::latestForResume);
        assertTrue(e.getMessage().contains(run.toString()) && e.getMessage().contains("no checkpoint"), e.getMessage());
        store.save(5, files("a"));
        store.save(9, files("b"));
        assertEquals(9, store.latestForResume().step());
    }

    @Test
    void savesIntoAHiddenTemporaryDirectoryThenRenames() throws IOException {
        CheckpointStore store = new CheckpointStore(run, 3);
        AtomicReference<Path> seen = new AtomicReference<>();
        Checkpoint c = store.save(123, d -> {
            seen.set(d);
            assertTrue(d.getFileName().toString().startsWith(".tmp-step-000123-"), d.toString());
            assertTrue(store.list().isEmpty(), "not visible while being written");
            files("a").write(d);
        });
        assertEquals(run.resolve("checkpoints/step-000123").toAbsolutePath(), c.directory());
        assertEquals("a", Files.readString(c.directory().resolve("state.json")));
        assertEquals("wa", Files.readString(c.directory().resolve("sub/weights.bin")));
        assertFalse(Files.exists(seen.get()));
        assertEquals(List.of("step-000123"), entries());
    }

    @Test
    void aFailingWriterLeavesNothing() throws IOException {
        CheckpointStore store = new CheckpointStore(run, 3);
        assertThrows(VoxtokException.class, () -> store.save(5, d -> {
            Files.writeString(d.resolve("half"), "x");
            throw new IOException("disk full");
        }));
        IllegalStateException bug = assertThrows(IllegalStateException.class, () -> store.save(6, d -> {
            throw new IllegalStateException("bug");
        }));
        assertEquals("bug", bug.getMessage());
        assertEquals(List.of(), entries());
        assertTrue(store.latest().isEmpty());
    }

    @Test
    void keepsTheLastKAndTheBest() throws IOException {
        CheckpointStore store = new CheckpointStore(run, 2);
        for (long step = 100; step <= 600; step += 100) {
            store.save(step, files(Long.toString(step)));
            if (step == 200) {
                store.markBest(200, "dev/mel", 1.5);
            }
        }
        assertEquals(List.of(200L, 500L, 600L), store.list().stream().map(Checkpoint::step).toList());
        assertEquals(200L, store.best().orElseThrow().step());
        assertEquals(600L, store.latest().orElseThrow().step());
        store.markBest(600, "dev/mel", 1.2); // the old best is no longer protected
        assertEquals(List.of(500L, 600L), store.list().stream().map(Checkpoint::step).toList());
        assertEquals(List.of("best.json", "step-000500", "step-000600"), entries());
        assertThrows(VoxtokException.class, () -> store.markBest(100, "dev/mel", 9));
    }

    @Test
    void resolvesLatestBestStepsAndPaths() {
        CheckpointStore store = new CheckpointStore(run, 5);
        store.save(10, files("10"));
        store.save(1_234_567, files("big"));
        store.markBest(10, "dev/mel", 2.0);
        assertEquals(1_234_567L, store.resolve("latest").step());
        assertEquals("step-1234567", store.resolve("latest").directory().getFileName().toString());
        assertEquals(10L, store.resolve("best").step());
        assertEquals(10L, store.resolve("10").step());
        assertEquals(10L, store.resolve(run.resolve("checkpoints/step-000010").toString()).step());
        VoxtokException e = assertThrows(VoxtokException.class, () -> store.resolve("11"));
        assertTrue(e.getMessage().contains("[10, 1234567]"), e.getMessage());
    }

    @Test
    void reSavingAStepReplacesIt() throws IOException {
        CheckpointStore store = new CheckpointStore(run, 5);
        store.save(7, files("old"));
        store.save(7, files("new"));
        assertEquals("new", Files.readString(store.at(7).orElseThrow().directory().resolve("state.json")));
        assertEquals(List.of("step-000007"), entries());
    }

    @Test
    void openingCleansUpAfterACrash() throws IOException {
        Path ck = run.resolve("checkpoints");
        Files.createDirectories(ck.resolve(".tmp-step-000009-123/sub"));
        Files.writeString(ck.resolve(".tmp-step-000009-123/sub/x"), "partial");
        Files.createDirectories(ck.resolve(".old-step-000003"));
        Files.writeString(ck.resolve(".old-step-000003/state.json"), "kept");
        Files.createDirectories(ck.resolve(".del-step-000001"));
        CheckpointStore store = new CheckpointStore(run, 5);
        assertEquals(List.of("step-000003"), entries());
        assertEquals("kept", Files.readString(store.latest().orElseThrow().directory().resolve("state.json")));
    }
}
