package io.voxtok.training.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.audio.WavSampleFormat;
import io.voxtok.audio.WavWriter;
import io.voxtok.data.Split;
import io.voxtok.modelio.NpyFile;
import io.voxtok.modelio.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingCorpusTest {
    @TempDir
    Path dir;

    @Test
    void readsOneSplitWithFeaturesFromTheCache() throws IOException {
        Path m = DataFixtures.write(dir.resolve("c"), new int[] {4000, 5000}, 2, "train", dir.resolve("cache"));
        TrainingCorpus c = TrainingCorpus.fromManifest(m, Split.TRAIN, Optional.of(dir.resolve("cache")), 16_000);
        assertEquals(2, c.size());
        assertEquals(2, c.featureDim().orElseThrow());
        assertEquals(50.0, c.featureFrameRate().orElseThrow());
        assertEquals(dir.resolve("cache/item1.npy").toAbsolutePath(), c.items().get(1).features().orElseThrow());
        LoadedClip clip = c.load(1);
        assertEquals(5000, clip.audio().length);
        assertEquals(DataFixtures.framesFor(5000), clip.features().length);
        assertArrayEquals(new float[] {3, 1}, clip.features()[3]);
        VoxtokException none = assertThrows(VoxtokException.class,
                () -> TrainingCorpus.fromManifest(m, Split.DEV, Optional.empty(), 16_000));
        assertTrue(none.getMessage().contains("split dev") && none.getMessage().contains("no items"), none.getMessage());
    }

    @Test
    void missingFeaturesNameTheItemAndTheCacheAtConstruction() throws IOException {
        Path m = DataFixtures.write(dir.resolve("c"), new int[] {4000, 5000}, 2, "train", dir.resolve("cache"));
        Files.delete(dir.resolve("cache/item1.npy"));
        VoxtokException e = assertThrows(VoxtokException.class,
                () -> TrainingCorpus.fromManifest(m, Split.TRAIN, Optional.of(dir.resolve("cache")), 16_000));
        assertTrue(e.getMessage().contains("'item1'"), e.getMessage());
        assertTrue(e.getMessage().contains(dir.resolve("cache").toAbsolutePath().toString()), e.getMessage());

        VoxtokException noCache = assertThrows(VoxtokException.class,
                () -> TrainingCorpus.fromManifest(m, Split.TRAIN, Optional.of(dir.resolve("c")), 16_000));
        assertTrue(noCache.getMessage().contains("features.json"), noCache.getMessage());
    }

    @Test
    void refusesFeaturesWithALeadingBatchAxis() throws IOException {
        Path m = DataFixtures.write(dir.resolve("c"), new int[] {4000}, 1, "train", dir.resolve("cache"));
        NpyFile.write(dir.resolve("cache/item0.npy"), Tensor.ofFloats(new float[22], 1, 11, 2));
        TrainingCorpus c = TrainingCorpus.fromManifest(m, Split.TRAIN, Optional.of(dir.resolve("cache")), 16_000);
        VoxtokException e = assertThrows(VoxtokException.class, () -> c.load(0));
        assertTrue(e.getMessage().contains("leading batch axis") && e.getMessage().contains("item0.npy"), e.getMessage());

        NpyFile.write(dir.resolve("cache/item0.npy"), Tensor.ofFloats(new float[33], 11, 3));
        VoxtokException dim = assertThrows(VoxtokException.class, () -> c.load(0));
        assertTrue(dim.getMessage().contains("expected (frames, 2)"), dim.getMessage());
    }

    @Test
    void audioIsMixedToMonoAndResampled() throws IOException {
        Path audio = dir.resolve("st.wav");
        int n = 8000; // 1 s of stereo at 8 kHz: left 0.2, right 0.6
        float[] interleaved = new float[2 * n];
        for (int i = 0; i < n; i++) {
            interleaved[2 * i] = 0.2f;
            interleaved[2 * i + 1] = 0.6f;
        }
        WavWriter.write(audio, AudioBuffer.ofInterleaved(interleaved, 8000, 2), WavSampleFormat.FLOAT32);
        Path m = dir.resolve("m.jsonl");
        Files.writeString(m, "{\"id\":\"st\",\"path\":\"st.wav\",\"text\":\"x\",\"speaker\":\"a\",\"split\":\"train\"}\n");
        TrainingCorpus c = TrainingCorpus.fromManifest(m, Split.TRAIN, Optional.empty(), 16_000);
        LoadedClip clip = c.load(0);
        assertFalse(clip.hasFeatures());
        assertNull(clip.features());
        assertEquals(16_000, clip.audio().length);
        for (int i = 4000; i < 12000; i += 500) {
            assertEquals(0.4f, clip.audio()[i], 1e-3f, "sample " + i);
        }
    }

    @Test
    void unreadableAudioNamesTheItemAndFile() throws IOException {
        Path m = DataFixtures.write(dir.resolve("c"), new int[] {4000, 4000}, 1, "train", null);
        TrainingCorpus c = TrainingCorpus.fromManifest(m, Split.TRAIN, Optional.empty(), 16_000);
        Path bad = dir.resolve("c/audio/item1.wav");
        Files.writeString(bad, "not audio");
        VoxtokException e = assertThrows(VoxtokException.class, () -> c.load(1));
        assertTrue(e.getMessage().contains("'item1'") && e.getMessage().contains(bad.toString()), e.getMessage());
        Files.delete(bad);
        VoxtokException gone = assertThrows(VoxtokException.class, () -> c.load(1));
        assertTrue(gone.getMessage().contains("not found") && gone.getMessage().contains(bad.toString()), gone.getMessage());
    }

    @Test
    void centredFeaturesHaveEachDimensionsMeanOverAllFramesTakenOut() throws IOException {
        Path m = DataFixtures.write(dir.resolve("c"), new int[] {4000, 5000}, 2, "train", dir.resolve("cache"));
        TrainingCorpus plain = TrainingCorpus.fromManifest(m, Split.TRAIN, Optional.of(dir.resolve("cache")), 16_000);
        TrainingCorpus centred = plain.withCentredFeatures();
        int a = DataFixtures.framesFor(4000);
        int b = DataFixtures.framesFor(5000);
        // dimension 0 holds the frame index, dimension 1 the item index (DataFixtures.features)
        double mean0 = (a * (a - 1) / 2.0 + b * (b - 1) / 2.0) / (a + b);
        double mean1 = (double) b / (a + b);
        float[] offset = centred.featureOffset().orElseThrow();
        assertEquals(mean0, offset[0], 1e-5);
        assertEquals(mean1, offset[1], 1e-6);
        assertArrayEquals(new float[] {(float) (3 - mean0), (float) (1 - mean1)}, centred.load(1).features()[3], 1e-5f);
        double[] total = new double[2];
        for (int i = 0; i < 2; i++) {
            for (float[] row : centred.load(i).features()) {
                total[0] += row[0];
                total[1] += row[1];
            }
        }
        assertEquals(0, total[0], 1e-3);
        assertEquals(0, total[1], 1e-3);
        // the corpus it came from is unchanged
        assertTrue(plain.featureOffset().isEmpty());
        assertArrayEquals(new float[] {3, 1}, plain.load(1).features()[3]);
        TrainingCorpus none = TrainingCorpus.fromManifest(m, Split.TRAIN, Optional.empty(), 16_000);
        IllegalStateException e = assertThrows(IllegalStateException.class, none::withCentredFeatures);
        assertTrue(e.getMessage().contains("no teacher features"), e.getMessage());
    }
}
