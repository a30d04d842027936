package io.voxtok.training.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.VoxtokException;
import io.voxtok.data.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrefetchingBatchSourceTest {
    @TempDir
    Path dir;
    TrainingCorpus corpus;

    @BeforeEach
    void setUp() throws IOException {
        Path m = DataFixtures.write(dir.resolve("c"), CropSamplerTest.LENGTHS, 3, "train", dir.resolve("cache"));
        corpus = TrainingCorpus.fromManifest(m, Split.TRAIN, Optional.of(dir.resolve("cache")), 16_000);
    }

    private List<Batch> draw(BatchSource s, int n) {
        List<Batch> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(s.next());
        }
        return out;
    }

    @Test
    void sameBatchesAsTheSynchronousSamplerWhateverThreadsAndTiming() {
        CropSampler sampler = new CropSampler(corpus, CropSamplerTest.SPEC);
        List<Batch> expected = draw(new CropSampler(corpus, CropSamplerTest.SPEC), 12);
        for (int threads : new int[] {1, 2, 4}) {
            for (int capacity : new int[] {1, 3, 8}) {
                // Random per-load delays make later positions finish before earlier ones.
                SplittableRandom jitter = new SplittableRandom(threads * 31L + capacity);
                long[] delays = jitter.longs(64, 0, 3_000_000).toArray();
                AtomicInteger calls = new AtomicInteger();
                try (PrefetchingBatchSource s = new PrefetchingBatchSource(p -> {
                    LockSupport.parkNanos(delays[calls.getAndIncrement() % delays.length]);
                    return sampler.batchAt(p);
                }, sampler::after, sampler.batchesPerEpoch(), SamplerPosition.START, threads, capacity)) {
                    CropSamplerTest.assertBatchesEqual(expected, draw(s, 12));
                    assertEquals(new SamplerPosition(12 / sampler.batchesPerEpoch(), 12 % sampler.batchesPerEpoch()),
                            s.position());
                }
            }
        }
    }

    @Test
    void resumesFromAPosition() {
        List<Batch> expected = draw(new CropSampler(corpus, CropSamplerTest.SPEC), 7);
        CropSampler sampler = new CropSampler(corpus, CropSamplerTest.SPEC);
        List<Batch> got = new ArrayList<>();
        SamplerPosition saved;
        try (PrefetchingBatchSource s = new PrefetchingBatchSource(sampler, SamplerPosition.START, 2, 4)) {
            got.addAll(draw(s, 3));
            saved = s.position();
        }
        try (PrefetchingBatchSource s = new PrefetchingBatchSource(sampler, saved, 3, 2)) {
            got.addAll(draw(s, 4));
        }
        CropSamplerTest.assertBatchesEqual(expected, got);
    }

    @Test
    void aLoaderErrorReachesTheConsumerWithTheItemPathAndSticks() throws IOException {
        CropSampler sampler = new CropSampler(corpus, CropSamplerTest.SPEC);
        // Find the first batch that contains item4, then corrupt its audio.
        CropSampler probe = new CropSampler(corpus, CropSamplerTest.SPEC);
        int bad = 0;
        while (!probe.next().ids().contains("item4")) {
            bad++;
        }
        Path file = dir.resolve("c/audio/item4.wav");
        Files.writeString(file, "garbage");
        try (PrefetchingBatchSource s = new PrefetchingBatchSource(sampler, SamplerPosition.START, 2, 4)) {
            for (int i = 0; i < bad; i++) {
                s.next();
            }
            VoxtokException e = assertThrows(VoxtokException.class, s::next);
            assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("'item4'"), e.getMessage());
            assertTrue(e.getMessage().contains("epoch 0, batch " + bad), e.getMessage());
            VoxtokException again = assertThrows(VoxtokException.class, s::next);
            assertSame(e, again, "a failed source does not skip the batch");
        }
    }

    @Test
    void closeStopsTheLoaderThreads() throws InterruptedException {
        CropSampler sampler = new CropSampler(corpus, CropSamplerTest.SPEC);
        PrefetchingBatchSource s = new PrefetchingBatchSource(p -> {
            LockSupport.parkNanos(5_000_000);
            return sampler.batchAt(p);
        }, sampler::after, sampler.batchesPerEpoch(), SamplerPosition.START, 3, 6);
        s.next();
        s.close();
        s.close(); // idempotent
        assertThrows(IllegalStateException.class, s::next);
        for (int i = 0; i < 100 && loaderThreads() > 0; i++) {
            Thread.sleep(10);
        }
        assertEquals(0, loaderThreads());
    }

    private static long loaderThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("voxtok-batch-loader-") && t.isAlive()).count();
    }
}
