package io.voxtok.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.teacher.LayerSelection;
import io.voxtok.modelio.NpyFile;
import io.voxtok.modelio.Tensor;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cached features read back are checked like weights: a NaN or infinite value is refused naming file and item. */
class FeatureCacheNonFiniteTest {
    @TempDir
    Path dir;

    @Test
    void aCachedFileHoldingInfinityIsRefusedNamingFileAndItem() {
        FeatureCache cache = new FeatureCache(dir, "test-teacher", new LayerSelection.Average());
        new FeatureCacheManifest("test-teacher", "avg", 2, 50, List.of(
                new FeatureCacheManifest.Entry("u1", "u1.npy", 3, 2, null))).write(dir);
        NpyFile.write(cache.fileFor("u1"), Tensor.ofFloats(new float[] {0, 1, 2, Float.POSITIVE_INFINITY, 4, 5}, 3, 2));
        VoxtokException e = assertThrows(VoxtokException.class, () -> cache.load("u1"));
        assertEquals(ErrorKind.USER_INPUT, e.kind());
        assertEquals(cache.fileFor("u1") + ": the cached features of 'u1' holds Infinity at element 3 of 6 (values"
                + " must be finite)", e.getMessage());
    }
}
