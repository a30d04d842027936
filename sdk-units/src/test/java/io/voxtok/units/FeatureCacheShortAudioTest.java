package io.voxtok.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.bench.ProgressListener;
import io.voxtok.api.teacher.LayerSelection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audio too short to give a feature frame is refused instead of cached as a {@code (0, dim)} array (issue #16:
 * {@code voxtok features} wrote one for 0- or 1-sample files that {@code voxtok encode} refuses).
 */
class FeatureCacheShortAudioTest {
    @TempDir
    Path dir;

    @Test
    void emptyAudioIsRefusedAndNothingIsWritten() {
        VoxtokException e = extract("empty", 0);
        assertEquals("empty: empty audio (0 samples); no features to extract", e.getMessage());
        assertFalse(Files.exists(dir.resolve("empty.npy")));
    }

    @Test
    void audioShorterThanOneFrameIsRefusedAndNothingIsWritten() {
        // the counting teacher gives samples / 4 frames: 3 samples give none
        VoxtokException e = extract("short", 3);
        assertEquals("short: audio of 3 samples is too short to give any feature frame of teacher 'counting'",
                e.getMessage());
        assertFalse(Files.exists(dir.resolve("short.npy")));
    }

    private VoxtokException extract(String id, int samples) {
        CacheItem item = new CacheItem(id, () -> AudioBuffer.ofMono(new float[samples], 16_000));
        FeatureCache cache = new FeatureCache(dir, "counting", new LayerSelection.Average());
        VoxtokException e = assertThrows(VoxtokException.class, () -> cache.extract(List.of(item),
                new FeatureCacheTest.CountingTeacher(), ProgressListener.none()));
        assertEquals(ErrorKind.USER_INPUT, e.kind());
        return e;
    }
}
