package io.voxtok.training.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.modelio.NpyFile;
import io.voxtok.modelio.Tensor;
import io.voxtok.units.FeatureCacheManifest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Teacher features read back by training ({@code --teacher-cache}) must be finite: a NaN target makes every
 * distillation loss NaN, so the file is refused naming the item, the file and the element.
 */
class TeacherFeatureFilesNonFiniteTest {
    @TempDir
    Path dir;

    @Test
    void aNanFeatureIsRefusedNamingItemAndFile() {
        new FeatureCacheManifest("t", "avg", 2, 50, List.of(new FeatureCacheManifest.Entry("spk1-u1", "spk1-u1.npy",
                2, 2))).write(dir);
        Path file = dir.resolve("spk1-u1.npy");
        NpyFile.write(file, Tensor.ofFloats(new float[] {0.5f, Float.NaN, 1, 2}, 2, 2));
        TeacherFeatureFiles cache = TeacherFeatureFiles.open(dir);
        VoxtokException e = assertThrows(VoxtokException.class, () -> cache.read("spk1-u1", cache.require("spk1-u1")));
        assertEquals(ErrorKind.USER_INPUT, e.kind());
        assertTrue(e.getMessage().startsWith(cache.require("spk1-u1") + ": teacher features of training item"
                + " 'spk1-u1' holds NaN at element 1 of 4"), e.getMessage());
    }

    @Test
    void finiteFeaturesReadAsRows() {
        new FeatureCacheManifest("t", "avg", 2, 50, List.of(new FeatureCacheManifest.Entry("u", "u.npy", 2, 2)))
                .write(dir);
        NpyFile.write(dir.resolve("u.npy"), Tensor.ofFloats(new float[] {0.5f, 1, 2, 3}, 2, 2));
        TeacherFeatureFiles cache = TeacherFeatureFiles.open(dir);
        assertEquals(3f, cache.read("u", cache.require("u"))[1][1]);
    }
}
