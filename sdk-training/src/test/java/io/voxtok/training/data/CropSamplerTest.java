package io.voxtok.training.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.VoxtokException;
import io.voxtok.data.Split;
import io.voxtok.units.FeatureCacheManifest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CropSamplerTest {
    /** 10 crops of 3200 samples (10 frames); clips from 0.06 s (short) to 1.25 s. */
    static final int[] LENGTHS = {1000, 3200, 3500, 20000, 4000, 9000, 3199, 12345, 6400, 16001, 500};
    static final CropSpec SPEC = new CropSpec(16_000, 3200, 320, 3, 1234);

    @TempDir
    Path dir;
    TrainingCorpus corpus;

    @BeforeEach
    void setUp() throws IOException {
        Path m = DataFixtures.write(dir.resolve("corpus"), LENGTHS, 3, "train", dir.resolve("cache"));
        corpus = TrainingCorpus.fromManifest(m, Split.TRAIN, Optional.of(dir.resolve("cache")), 16_000);
    }

    private static int itemNo(String id) {
        return Integer.parseInt(id.substring("item".length()));
    }

    @Test
    void cropsAndFeaturesFollowTheOfficialRule() {
        CropSampler s = new CropSampler(corpus, SPEC);
        assertEquals(LENGTHS.length / 3, s.batchesPerEpoch());
        int seg = SPEC.segmentSamples();
        int segFrames = SPEC.segmentFrames();
        boolean sawClampedFeatures = false;
        boolean sawPadding = false;
        for (int step = 0; step < 30; step++) {
            Batch b = s.next();
            assertEquals(3, b.size());
            for (int r = 0; r < b.size(); r++) {
                int k = itemNo(b.ids().get(r));
                int len = LENGTHS[k];
                int start = b.cropStarts()[r];
                assertTrue(start >= 0 && start <= Math.max(0, len - seg), "start " + start + " for length " + len);
                int real = Math.min(seg, len);
                assertEquals(real, b.lengths()[r]);
                for (int i = 0; i < seg; i++) {
                    float expected = i < real ? (start + i) / DataFixtures.SCALE : 0f;
                    assertEquals(expected, b.audio()[r][i], "item " + k + " sample " + i);
                }
                sawPadding |= real < seg;
                int nFeat = DataFixtures.framesFor(len);
                int f0 = Math.max(0, Math.min(start / 320, nFeat - segFrames));
                sawClampedFeatures |= f0 < start / 320;
                int validFrames = Math.min(segFrames, nFeat - f0);
                assertEquals(validFrames, b.featureFrames()[r]);
                assertEquals(segFrames, b.features()[r].length);
                for (int t = 0; t < segFrames; t++) {
                    float[] row = b.features()[r][t];
                    if (t < validFrames) {
                        assertArrayEquals(new float[] {f0 + t, k}, row, "item " + k + " frame " + t);
                    } else {
                        assertArrayEquals(new float[2], row, "padding frame " + t);
                    }
                }
            }
        }
        assertTrue(sawClampedFeatures, "some crop near the clip end used the last segFrames frames");
        assertTrue(sawPadding, "some short clip was padded");
    }

    @Test
    void eachEpochVisitsDistinctItemsAndEpochsReshuffle() {
        CropSampler s = new CropSampler(corpus, SPEC);
        List<List<String>> epochs = new ArrayList<>();
        for (int e = 0; e < 3; e++) {
            List<String> ids = new ArrayList<>();
            for (int b = 0; b < s.batchesPerEpoch(); b++) {
                assertEquals(new SamplerPosition(e, b), s.position());
                ids.addAll(s.next().ids());
            }
            assertEquals(ids.size(), new HashSet<>(ids).size(), "no item twice in an epoch");
            epochs.add(ids);
        }
        assertNotEquals(epochs.get(0), epochs.get(1));
        Set<String> seen = new HashSet<>();
        epochs.forEach(seen::addAll);
        assertEquals(LENGTHS.length, seen.size(), "the dropped tail differs per epoch, so every item is used");
    }

    @Test
    void resumingFromAPositionGivesTheUninterruptedBatches() {
        List<Batch> straight = new ArrayList<>();
        CropSampler a = new CropSampler(corpus, SPEC);
        for (int i = 0; i < 7; i++) {
            straight.add(a.next());
        }
        List<Batch> resumed = new ArrayList<>();
        CropSampler b = new CropSampler(corpus, SPEC);
        for (int i = 0; i < 3; i++) {
            resumed.add(b.next());
        }
        // The position survives a round trip through JSON, as in a checkpoint.
        SamplerPosition saved = SamplerPosition.parse(b.position().toJson(), "test");
        CropSampler c = new CropSampler(corpus, SPEC, saved);
        for (int i = 0; i < 4; i++) {
            resumed.add(c.next());
        }
        assertBatchesEqual(straight, resumed);
        assertEquals(a.position(), c.position());
    }

    static void assertBatchesEqual(List<Batch> expected, List<Batch> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            Batch x = expected.get(i);
            Batch y = actual.get(i);
            assertEquals(x.position(), y.position(), "batch " + i);
            assertEquals(x.ids(), y.ids(), "batch " + i);
            assertArrayEquals(x.cropStarts(), y.cropStarts(), "batch " + i);
            assertArrayEquals(x.flatAudio(), y.flatAudio(), "batch " + i);
            if (x.hasFeatures()) {
                assertArrayEquals(x.flatFeatures(), y.flatFeatures(), "batch " + i);
            }
        }
    }

    @Test
    void seedChangesTheBatches() {
        Batch a = new CropSampler(corpus, SPEC).next();
        Batch b = new CropSampler(corpus, new CropSpec(16_000, 3200, 320, 3, 1235)).next();
        assertNotEquals(a.ids() + "" + java.util.Arrays.toString(a.cropStarts()),
                b.ids() + "" + java.util.Arrays.toString(b.cropStarts()));
    }

    @Test
    void withoutTeacherFeaturesBatchesCarryAudioOnly() throws IOException {
        Path m = DataFixtures.write(dir.resolve("plain"), LENGTHS, 3, null, null);
        TrainingCorpus plain = TrainingCorpus.of("plain", new io.voxtok.data.ManifestDataset(m,
                io.voxtok.data.SplitAssigner.bySpeaker(0, 0)).entries().toList(), Optional.empty(), 16_000);
        Batch b = new CropSampler(plain, SPEC).next();
        assertNull(b.features());
        assertNull(b.featureFrames());
        assertThrows(IllegalStateException.class, b::flatFeatures);
        assertEquals(3 * 3200, b.flatAudio().length);
    }

    @Test
    void flatFeaturesAreRowMajor() {
        Batch b = new CropSampler(corpus, SPEC).next();
        float[] flat = b.flatFeatures();
        assertEquals(3 * 10 * 2, flat.length);
        assertEquals(b.features()[2][7][1], flat[(2 * 10 + 7) * 2 + 1]);
        assertEquals(b.audio()[1][5], b.flatAudio()[3200 + 5]);
    }

    @Test
    void refusesCorporaThatCannotBeBatchedOrCropped() throws IOException {
        VoxtokException small = assertThrows(VoxtokException.class,
                () -> new CropSampler(corpus, SPEC.withBatchSize(LENGTHS.length + 1)));
        assertTrue(small.getMessage().contains("fewer than the batch size"), small.getMessage());

        Path cache = dir.resolve("cache");
        FeatureCacheManifest m = FeatureCacheManifest.read(cache).orElseThrow();
        new FeatureCacheManifest(m.teacher(), m.layers(), m.dim(), 25.0, m.files()).write(cache);
        TrainingCorpus slow = TrainingCorpus.fromManifest(dir.resolve("corpus/manifest.jsonl"), Split.TRAIN,
                Optional.of(cache), 16_000);
        VoxtokException rate = assertThrows(VoxtokException.class, () -> new CropSampler(slow, SPEC));
        assertTrue(rate.getMessage().contains("25.0 frames/s"), rate.getMessage());
    }
}
