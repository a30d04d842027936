package io.voxtok.units;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.modelio.DType;
import io.voxtok.modelio.NpyFile;
import io.voxtok.modelio.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CentroidsTest {
    @TempDir
    Path tmp;

    @Test
    void savesAndLoadsFloat32KByDim() {
        Centroids c = Centroids.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
        Path f = tmp.resolve("sub/km.npy");
        c.save(f);
        Tensor t = NpyFile.read(f);
        assertArrayEquals(new long[] {3, 2}, t.shape());
        Centroids back = Centroids.load(f);
        assertEquals(3, back.k());
        assertEquals(2, back.dim());
        assertArrayEquals(c.toArray(), back.toArray());
    }

    @Test
    void nearestIsArgminOfSquaredDistanceWithTiesToLowestIndex() {
        Centroids c = Centroids.of(new float[] {0, 0, 2, 0, 0, 2}, 3, 2);
        assertEquals(1, c.nearest(new float[] {9, 1.9f, 0.1f}, 1));
        // (1, 1) is at distance 2 from all three centres
        assertEquals(0, c.nearest(new float[] {1, 1}, 0));
        assertEquals(1.0 * 1 + 1, c.squaredDistance(2, new float[] {1, 1}, 0), 0);
    }

    @Test
    void refusesAnArrayThatIsNotTwoDimensional() {
        Path f = tmp.resolve("bad.npy");
        NpyFile.write(f, Tensor.ofFloats(new float[] {1, 2, 3}, 3));
        VoxtokException e = assertThrows(VoxtokException.class, () -> Centroids.load(f));
        assertTrue(e.getMessage().contains("bad.npy"), e.getMessage());
    }

    @Test
    void refusesANanCentroidNamingFileCentroidAndDimension() {
        Path f = tmp.resolve("nan.npy");
        NpyFile.write(f, Tensor.ofFloats(new float[] {1, 2, 3, 4, 5, Float.NaN, 7, 8}, 4, 2));
        VoxtokException e = assertThrows(VoxtokException.class, () -> Centroids.load(f));
        assertEquals(ErrorKind.USER_INPUT, e.kind());
        assertTrue(e.getMessage().startsWith(f + ": centroid 2 holds NaN at dimension 1"), e.getMessage());
    }

    @Test
    void refusesFloat64CentroidsBeyondFloat32Range() {
        Path f = tmp.resolve("huge.npy");
        ByteBuffer b = ByteBuffer.allocate(4 * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(new double[] {1, 2, 1e39, 4});
        NpyFile.write(f, new Tensor(DType.FLOAT64, new long[] {2, 2}, b));
        VoxtokException e = assertThrows(VoxtokException.class, () -> Centroids.load(f));
        assertTrue(e.getMessage().contains("huge.npy: centroid 1 holds Infinity at dimension 0")
                && e.getMessage().contains("float32 range"), e.getMessage());
    }
}
