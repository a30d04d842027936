package io.voxtok.training.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.voxtok.data.Split;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidationSetTest {
    @TempDir
    Path dir;

    @Test
    void firstSecondsOfEachItemWithMatchingFeaturesAndNoRandomness() throws IOException {
        int[] lengths = {20000, 5000, 16000};
        Path m = DataFixtures.write(dir.resolve("c"), lengths, 2, "dev", dir.resolve("cache"));
        TrainingCorpus dev = TrainingCorpus.fromManifest(m, Split.DEV, Optional.of(dir.resolve("cache")), 16_000);
        ValidationSet v = ValidationSet.firstSeconds(dev, CropSpec.of(1, 0), 1.0); // 16 000 samples, 50 frames
        assertEquals(3, v.size());
        assertEquals(16_000, v.maxSamples());
        for (int k = 0; k < lengths.length; k++) {
            ValidationItem it = v.get(k);
            assertEquals("item" + k, it.id());
            int n = Math.min(lengths[k], 16_000);
            assertEquals(n, it.audio().length, "unpadded, at most 1 s");
            for (int i = 0; i < n; i += 777) {
                assertEquals(i / DataFixtures.SCALE, it.audio()[i], "from sample 0");
            }
            int frames = Math.min(DataFixtures.framesFor(lengths[k]), 16_000 / 320);
            assertEquals(frames, it.features().length);
            assertArrayEquals(new float[] {frames - 1, k}, it.features()[frames - 1]);
            assertArrayEquals(it.audio(), v.get(k).audio(), "same every time");
        }
        assertEquals(30.0 * 16_000, ValidationSet.firstSeconds(dev, CropSpec.of(1, 0), ValidationSet.DEFAULT_SECONDS)
                .maxSamples());
    }
}
