package io.voxtok.units;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.ComponentId;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.bench.ProgressListener;
import io.voxtok.api.teacher.FeatureSequence;
import io.voxtok.api.teacher.LayerSelection;
import io.voxtok.api.teacher.Teacher;
import io.voxtok.api.teacher.TeacherSpec;
import io.voxtok.modelio.NpyFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureCacheTest {
    @TempDir
    Path dir;

    /** A teacher whose features are closed-form: frame t, dim d = first sample + t + 0.5 d; frames = samples / 4. */
    static class CountingTeacher implements Teacher {
        final AtomicInteger calls = new AtomicInteger();
        volatile String failOn;

        @Override
        public TeacherSpec spec() {
            return new TeacherSpec(16_000, 3, 50.0, 1);
        }

        @Override
        public FeatureSequence represent(AudioBuffer audio, LayerSelection layers) {
            float first = audio.toArray()[0];
            if (failOn != null && first == Float.parseFloat(failOn)) {
                throw new IllegalStateException("teacher failure");
            }
            calls.incrementAndGet();
            int t = audio.frames() / 4;
            float[] v = new float[t * 3];
            for (int i = 0; i < t; i++) {
                for (int d = 0; d < 3; d++) {
                    v[i * 3 + d] = first + i + 0.5f * d;
                }
            }
            return FeatureSequence.of(v, t, 3, 50.0);
        }

        @Override
        public ComponentId id() {
            return ComponentId.of("counting");
        }

        @Override
        public void close() {
        }
    }

    private static CacheItem item(String id, float first, int samples) {
        return new CacheItem(id, () -> {
            float[] a = new float[samples];
            a[0] = first;
            return AudioBuffer.ofMono(a, 16_000);
        });
    }

    @Test
    void writesTimeMajorFilesAndAManifestThenResumes() throws IOException {
        List<CacheItem> items = List.of(item("a", 1, 40), item("spk/b", 2, 80), item("c", 3, 12));
        CountingTeacher t = new CountingTeacher();
        FeatureCache cache = new FeatureCache(dir, "counting:default model-x", new LayerSelection.Average());
        AtomicInteger progress = new AtomicInteger();
        FeatureCacheManifest m = cache.extract(items, t, (d, total) -> progress.set((int) d));
        assertEquals(3, t.calls.get());
        assertEquals(3, progress.get());
        assertEquals("avg", m.layers());
        assertEquals(List.of(new FeatureCacheManifest.Entry("a", "a.npy", 10, 3),
                new FeatureCacheManifest.Entry("spk/b", "spk/b.npy", 20, 3),
                new FeatureCacheManifest.Entry("c", "c.npy", 3, 3)), m.files().stream()
                .map(e -> new FeatureCacheManifest.Entry(e.id(), e.file(), e.frames(), e.dim())).toList());
        assertTrue(m.files().stream().allMatch(e -> e.contentKey().startsWith("pcm-sha256:")), m.files().toString());
        // stored (T, D), not (1, T, D)
        assertArrayEquals(new long[] {20, 3}, NpyFile.read(dir.resolve("spk/b.npy")).shape());
        FeatureSequence b = cache.load("spk/b");
        assertEquals(2 + 19 + 1.0f, b.get(19, 2));
        assertEquals(m, FeatureCacheManifest.read(dir).orElseThrow());

        // second run: nothing recomputed, same manifest
        FeatureCacheManifest again = cache.extract(items, t, ProgressListener.none());
        assertEquals(3, t.calls.get());
        assertEquals(m, again);
        try (Stream<Path> s = Files.walk(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().contains("tmp") || p.getFileName().toString().endsWith(".partial")));
        }
    }

    @Test
    void anInterruptedRunKeepsFinishedFilesAndResumesTheRest() {
        List<CacheItem> items = List.of(item("a", 1, 40), item("b", 2, 40), item("c", 3, 40));
        CountingTeacher t = new CountingTeacher();
        t.failOn = "2";
        FeatureCache cache = new FeatureCache(dir, "counting", new LayerSelection.Single(3));
        assertThrows(IllegalStateException.class, () -> cache.extract(items, t, ProgressListener.none()));
        assertTrue(Files.isRegularFile(dir.resolve("a.npy")));
        assertTrue(!Files.exists(dir.resolve("b.npy")));
        t.failOn = null;
        FeatureCacheManifest m = cache.extract(items, t, ProgressListener.none());
        assertEquals(3, t.calls.get()); // a once, then b and c
        assertEquals("3", m.layers());
        assertEquals(3, m.files().size());
    }

    @Test
    void refusesADirectoryOfAnotherTeacherOrLayerAndDuplicateIds() {
        CountingTeacher t = new CountingTeacher();
        new FeatureCache(dir, "teacher-1", new LayerSelection.Average()).extract(List.of(item("a", 1, 8)), t, ProgressListener.none());
        VoxtokException e = assertThrows(VoxtokException.class, () -> new FeatureCache(dir, "teacher-2", new LayerSelection.Average())
                .extract(List.of(item("a", 1, 8)), t, ProgressListener.none()));
        assertTrue(e.getMessage().contains("teacher-1"), e.getMessage());
        assertThrows(VoxtokException.class, () -> new FeatureCache(dir, "teacher-1", new LayerSelection.Single(9))
                .extract(List.of(item("a", 1, 8)), t, ProgressListener.none()));
        assertThrows(VoxtokException.class, () -> new FeatureCache(dir, "teacher-1", new LayerSelection.Average())
                .extract(List.of(item("x", 1, 8), item("x", 2, 8)), t, ProgressListener.none()));
        assertThrows(IllegalArgumentException.class, () -> item("../escape", 1, 8));
    }
}
