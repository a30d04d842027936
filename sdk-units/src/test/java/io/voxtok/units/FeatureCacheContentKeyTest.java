package io.voxtok.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.bench.ProgressListener;
import io.voxtok.api.teacher.LayerSelection;
import io.voxtok.modelio.NpyFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The feature cache is keyed by content, not by name (issue #16: a changed input kept its stale features), and its
 * index stays consistent with the files after an interrupted run ({@code features.json} listed 0 files after a kill
 * while the {@code .npy} files existed).
 */
class FeatureCacheContentKeyTest {
    @TempDir
    Path dir;

    private final FeatureCacheTest.CountingTeacher teacher = new FeatureCacheTest.CountingTeacher();
    private final AtomicInteger decoded = new AtomicInteger();

    /** A source file whose first byte sets the audio's first sample (what the counting teacher's features show). */
    private CacheItem fileItem(String id, Path source) {
        return CacheItem.ofFile(id, source, () -> {
            decoded.incrementAndGet();
            try {
                float[] a = new float[40];
                a[0] = Files.readAllBytes(source)[0];
                return AudioBuffer.ofMono(a, 16_000);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private FeatureCache cache() {
        return new FeatureCache(dir.resolve("feats"), "counting", new LayerSelection.Average());
    }

    @Test
    void aChangedInputWithTheSameNameIsRecomputedAndAnUnchangedOneIsNotEvenDecoded() throws IOException {
        Path a = Files.write(dir.resolve("a.wav"), new byte[] {1, 0, 0, 0});
        Path b = Files.write(dir.resolve("b.wav"), new byte[] {2, 0, 0, 0});
        List<CacheItem> items = List.of(fileItem("a", a), fileItem("b", b));
        cache().extract(items, teacher, ProgressListener.none());
        assertEquals(2, teacher.calls.get());
        assertEquals(1f, cache().load("a").get(0, 0));

        // same name, same size, same time stamp, other bytes
        FileTime stamp = Files.getLastModifiedTime(a);
        Files.write(a, new byte[] {7, 0, 0, 0});
        Files.setLastModifiedTime(a, stamp);
        decoded.set(0);
        FeatureCacheManifest m = cache().extract(items, teacher, ProgressListener.none());
        assertEquals(3, teacher.calls.get(), "only the changed input is recomputed");
        assertEquals(1, decoded.get(), "the unchanged input is recognised by its bytes, not decoded");
        assertEquals(7f, cache().load("a").get(0, 0), "the features are those of the new content");
        assertEquals(ContentKey.ofFile(a), m.files().get(0).contentKey());
        assertEquals(ContentKey.ofFile(b), m.files().get(1).contentKey());
    }

    @Test
    void inMemoryAudioIsKeyedByItsSamples() {
        float[] x = new float[40];
        x[0] = 1;
        cache().extract(List.of(new CacheItem("u", () -> AudioBuffer.ofMono(x.clone(), 16_000))), teacher,
                ProgressListener.none());
        cache().extract(List.of(new CacheItem("u", () -> AudioBuffer.ofMono(x.clone(), 16_000))), teacher,
                ProgressListener.none());
        assertEquals(1, teacher.calls.get());
        float[] y = x.clone();
        y[0] = 5;
        cache().extract(List.of(new CacheItem("u", () -> AudioBuffer.ofMono(y, 16_000))), teacher, ProgressListener.none());
        assertEquals(2, teacher.calls.get());
        assertEquals(5f, cache().load("u").get(0, 0));
        assertNotEquals(ContentKey.ofAudio(AudioBuffer.ofMono(x, 16_000)), ContentKey.ofAudio(AudioBuffer.ofMono(x, 8_000)),
                "the rate is part of the key");
    }

    @Test
    void afterAKillTheListedFilesAreReusedAndTheUnlistedOnesRecomputed() throws IOException {
        List<CacheItem> items = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            items.add(fileItem("u" + i, Files.write(dir.resolve("u" + i + ".wav"), new byte[] {(byte) i})));
        }
        FeatureCacheManifest full = cache().extract(items, teacher, ProgressListener.none());
        // What a run killed after its first index rewrite leaves: three .npy files, an index listing one of them,
        // and a temporary file of the .npy it was writing.
        new FeatureCacheManifest(full.teacher(), full.layers(), full.dim(), full.frameRate(), full.files().subList(0, 1))
                .write(dir.resolve("feats"));
        Path partial = Files.write(dir.resolve("feats/.u3.npy.1234567.tmp"), new byte[100]);
        FeatureCacheManifest again = cache().extract(items, teacher, ProgressListener.none());
        assertEquals(3 + 2, teacher.calls.get(), "u1 reused; u2 and u3 are not listed, so they are recomputed");
        assertEquals(full, again);
        assertFalse(Files.exists(partial), "the killed run's temporary file is removed");

        // no index at all: nothing is trusted, everything is recomputed
        Files.delete(dir.resolve("feats/features.json"));
        assertEquals(full, cache().extract(items, teacher, ProgressListener.none()));
        assertEquals(5 + 3, teacher.calls.get());
    }

    @Test
    void theIndexIsRewrittenDuringTheRunSoAKillLosesOnlyTheLastItems() throws IOException {
        List<Integer> listedWhenThirdStarts = new ArrayList<>();
        FeatureCacheTest.CountingTeacher watching = new FeatureCacheTest.CountingTeacher() {
            @Override
            public io.voxtok.api.teacher.FeatureSequence represent(AudioBuffer audio, LayerSelection layers) {
                if (calls.get() == 2) {
                    listedWhenThirdStarts.add(FeatureCacheManifest.read(dir.resolve("feats")).orElseThrow().files().size());
                }
                return super.represent(audio, layers);
            }
        };
        List<CacheItem> items = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            items.add(fileItem("u" + i, Files.write(dir.resolve("u" + i + ".wav"), new byte[] {(byte) i})));
        }
        cache().flushEvery(Duration.ZERO).extract(items, watching, ProgressListener.none());
        assertEquals(List.of(2), listedWhenThirdStarts);
    }

    @Test
    void aDamagedCachedFileOrAnEntryWithoutKeyIsRecomputed() throws IOException {
        Path a = Files.write(dir.resolve("a.wav"), new byte[] {3});
        List<CacheItem> items = List.of(fileItem("a", a));
        FeatureCacheManifest m = cache().extract(items, teacher, ProgressListener.none());
        Path npy = dir.resolve("feats/a.npy");
        byte[] bytes = Files.readAllBytes(npy);
        Files.write(npy, java.util.Arrays.copyOf(bytes, bytes.length - 5));
        cache().extract(items, teacher, ProgressListener.none());
        assertEquals(2, teacher.calls.get());
        assertEquals(10, NpyFile.read(npy).shape()[0]);

        // a manifest written before content keys: its entries are not trusted
        FeatureCacheManifest.Entry e = m.files().get(0);
        new FeatureCacheManifest(m.teacher(), m.layers(), m.dim(), m.frameRate(),
                List.of(new FeatureCacheManifest.Entry(e.id(), e.file(), e.frames(), e.dim()))).write(dir.resolve("feats"));
        FeatureCacheManifest again = cache().extract(items, teacher, ProgressListener.none());
        assertEquals(3, teacher.calls.get());
        assertEquals(m, again);
        assertTrue(Files.readString(dir.resolve("feats/features.json")).contains("\"content_key\": \"sha256:"));
    }
}
