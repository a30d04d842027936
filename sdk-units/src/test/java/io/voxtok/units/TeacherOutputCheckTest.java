package io.voxtok.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.bench.ProgressListener;
import io.voxtok.api.teacher.FeatureSequence;
import io.voxtok.api.teacher.LayerSelection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Teacher features with NaN or infinity are refused naming the input (issue #16: HuBERT wrote NaN features). */
class TeacherOutputCheckTest {
    @TempDir
    Path dir;

    @Test
    void nonFiniteFeaturesAreRefusedNamingInputTeacherAndFrame() {
        FeatureSequence ok = FeatureSequence.of(new float[] {1, 2, 3, 4}, 2, 2, 50);
        TeacherOutputCheck.requireFinite(ok, "a.wav", "hubert");
        FeatureSequence inf = FeatureSequence.of(new float[] {1, 2, 3, Float.POSITIVE_INFINITY}, 2, 2, 50);
        VoxtokException e = assertThrows(VoxtokException.class, () -> TeacherOutputCheck.requireFinite(inf, "a.wav", "hubert"));
        assertEquals(ErrorKind.USER_INPUT, e.kind());
        assertEquals("a.wav: teacher 'hubert' output (features) has a non-finite value (NaN or infinite) at frame 1 of 2;"
                + " nothing written (the model's weights overflow on this input: check the checkpoint)", e.getMessage());
    }

    @Test
    void theFeatureCacheWritesNothingForNaNFeatures() {
        FeatureCacheTest.CountingTeacher nan = new FeatureCacheTest.CountingTeacher() {
            @Override
            public FeatureSequence represent(AudioBuffer audio, LayerSelection layers) {
                FeatureSequence f = super.represent(audio, layers);
                float[] v = f.toArray();
                v[v.length - 1] = Float.NaN;
                return FeatureSequence.of(v, f.frames(), f.dim(), f.frameRate());
            }
        };
        Path src = dir.resolve("x.wav");
        CacheItem item = CacheItem.ofFile("x", src, () -> AudioBuffer.ofMono(new float[40], 16_000));
        FeatureCache cache = new FeatureCache(dir.resolve("feats"), "nan-teacher", new LayerSelection.Average());
        VoxtokException e = assertThrows(VoxtokException.class, () -> {
            Files.write(src, new byte[] {1});
            cache.extract(List.of(item), nan, ProgressListener.none());
        });
        assertEquals(src + ": teacher 'nan-teacher' output (features) has a non-finite value (NaN or infinite) at frame 9"
                + " of 10; nothing written (the model's weights overflow on this input: check the checkpoint)", e.getMessage());
        assertFalse(Files.exists(dir.resolve("feats/x.npy")));
        assertEquals(List.of(), FeatureCacheManifest.read(dir.resolve("feats")).orElseThrow().files());
    }
}
