package io.voxtok.training.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.data.ManifestDataset;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The default 3 s / batch 6 pipeline over the bundled FLAC corpus, with its load rate. */
class BundledCorpusBatchesTest {
    @Test
    void defaultCropsOfTheBundledTrainSplit() {
        Path manifest = Path.of(System.getProperty("voxtok.root"), "corpus", "bundled", "manifest.jsonl");
        SpeakerSplit split = SpeakerSplit.of(new ManifestDataset(manifest));
        TrainingCorpus train = TrainingCorpus.of("bundled train", split.train(), Optional.empty(), 16_000);
        CropSpec spec = CropSpec.of(CropSpec.DEFAULT_BATCH, 1);
        CropSampler sampler = new CropSampler(train, spec);
        assertEquals(176 / 6, sampler.batchesPerEpoch());
        int n = 20;
        long t0 = System.nanoTime();
        int padded = 0;
        try (PrefetchingBatchSource s = new PrefetchingBatchSource(sampler, SamplerPosition.START, 2, 4)) {
            for (int i = 0; i < n; i++) {
                Batch b = s.next();
                assertEquals(6, b.size());
                assertEquals(48_000, b.audio()[0].length);
                for (int r = 0; r < b.size(); r++) {
                    padded += b.lengths()[r] < 48_000 ? 1 : 0;
                    double energy = 0;
                    for (float x : b.audio()[r]) {
                        energy += x * x;
                    }
                    assertTrue(energy > 0, "speech in " + b.ids().get(r));
                }
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("bundled corpus: %d batches of 6 x 3 s in %.2f s (%.1f batches/s, 2 loader threads); "
                + "%d of %d crops zero-padded%n", n, seconds, n / seconds, padded, 6 * n);
    }
}
