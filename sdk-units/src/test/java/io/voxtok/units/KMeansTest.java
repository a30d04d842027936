package io.voxtok.units;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.VoxtokException;
import io.voxtok.api.bench.ProgressListener;
import io.voxtok.api.teacher.FeatureSequence;
import io.voxtok.modelio.NpyFile;
import io.voxtok.modelio.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class KMeansTest {
    private static final float[][] MEANS = {{5, 0, 0}, {0, 5, 0}, {0, 0, 5}, {-5, -5, -5}};

    /** Layer-3 features of the three fixture utterances (time-major, 64 wide), concatenated. */
    private static List<FeatureSequence> fixtureLayer3() {
        List<FeatureSequence> out = new ArrayList<>();
        for (String u : new String[] {"utt1", "utt2", "utt3"}) {
            Tensor t = NpyFile.read(Fixtures.hubert().resolve("expected/" + u + "_extract_features.npy"));
            long[] s = t.shape(); // (4, 1, T, 64)
            int frames = (int) s[2];
            int dim = (int) s[3];
            float[] all = t.toFloatArray();
            float[] layer3 = Arrays.copyOfRange(all, 2 * frames * dim, 3 * frames * dim);
            out.add(FeatureSequence.of(layer3, frames, dim, 50));
        }
        return out;
    }

    @Test
    void fixtureCentroidsAreAFixedPointOfLloyd() {
        // The fixture's centroids come from torch Lloyd iterations run until no assignment changed, so one
        // assign + mean step from them must give them back (up to float32 mean rounding) and then stop.
        Centroids ref = Centroids.load(Fixtures.hubert().resolve("kmeans_centroids.npy"));
        List<FeatureSequence> feats = fixtureLayer3();
        int rows = feats.stream().mapToInt(FeatureSequence::frames).sum();
        float[] data = new float[rows * 64];
        int pos = 0;
        for (FeatureSequence f : feats) {
            f.data().get(data, pos, f.frames() * 64);
            pos += f.frames() * 64;
        }
        KMeansResult r = KMeans.builder().k(16).build().fit(data, rows, 64, ref, ProgressListener.none());
        assertTrue(r.converged());
        assertEquals(1, r.iterations());
        float[] got = r.centroids().toArray();
        float[] want = ref.toArray();
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], 1e-5, "centroid value " + i);
        }
    }

    @Test
    void unitsOfFixtureFeaturesEqualTheReferenceUnits() {
        Centroids ref = Centroids.load(Fixtures.hubert().resolve("kmeans_centroids.npy"));
        UnitExtractor ex = new UnitExtractor(ref, false);
        String[] utts = {"utt1", "utt2", "utt3"};
        List<FeatureSequence> feats = fixtureLayer3();
        for (int u = 0; u < 3; u++) {
            long[] want = NpyFile.read(Fixtures.hubert().resolve("expected/" + utts[u] + "_km_units.npy")).toLongArray();
            int[] got = ex.extract(feats.get(u));
            assertArrayEquals(Arrays.stream(want).mapToInt(v -> (int) v).toArray(), got, utts[u]);
        }
    }

    private static float[] blobs(int perCluster, long seed) {
        Random r = new Random(seed);
        float[] data = new float[MEANS.length * perCluster * 3];
        int p = 0;
        for (int i = 0; i < perCluster; i++) {
            for (float[] m : MEANS) {
                for (int d = 0; d < 3; d++) {
                    data[p++] = m[d] + (float) (0.3 * r.nextGaussian());
                }
            }
        }
        return data;
    }

    private static void assertRecoversMeans(Centroids c) {
        for (float[] m : MEANS) {
            double best = Double.POSITIVE_INFINITY;
            for (int k = 0; k < c.k(); k++) {
                best = Math.min(best, c.squaredDistance(k, m, 0));
            }
            assertTrue(best < 0.05 * 0.05, "no centroid near " + Arrays.toString(m) + ": " + Arrays.toString(c.toArray()));
        }
    }

    @Test
    void lloydWithKmeansPlusPlusRecoversSeparatedClusters() {
        float[] data = blobs(500, 1);
        AtomicLong calls = new AtomicLong();
        KMeansResult r = KMeans.builder().k(4).seed(7).build().fit(data, 2000, 3, (d, t) -> calls.incrementAndGet());
        assertTrue(r.converged());
        assertTrue(calls.get() >= 1);
        assertRecoversMeans(r.centroids());
        // inertia of 2000 points with per-axis sigma 0.3 in 3-D is about 2000 * 3 * 0.09
        assertEquals(2000 * 3 * 0.09, r.inertia(), 0.1 * 2000 * 3 * 0.09);
    }

    @Test
    void miniBatchRecoversSeparatedClusters() {
        float[] data = blobs(500, 2);
        KMeansResult r = KMeans.builder().k(4).seed(3).mode(KMeans.Mode.MINI_BATCH).batchSize(256).maxIterations(20)
                .tolerance(1e-8).build().fit(data, 2000, 3, ProgressListener.none());
        assertRecoversMeans(r.centroids());
    }

    @Test
    void randomInitIsSeededAndDeterministic() {
        float[] data = blobs(100, 3);
        KMeans km = KMeans.builder().k(4).seed(11).init(KMeans.Init.RANDOM).build();
        float[] a = km.fit(data, 400, 3, ProgressListener.none()).centroids().toArray();
        float[] b = km.fit(data, 400, 3, ProgressListener.none()).centroids().toArray();
        assertArrayEquals(a, b);
        float[] c = KMeans.builder().k(4).seed(11).mode(KMeans.Mode.MINI_BATCH).batchSize(64).build()
                .fit(data, 400, 3, ProgressListener.none()).centroids().toArray();
        float[] d = KMeans.builder().k(4).seed(11).mode(KMeans.Mode.MINI_BATCH).batchSize(64).build()
                .fit(data, 400, 3, ProgressListener.none()).centroids().toArray();
        assertArrayEquals(c, d);
    }

    @Test
    void defaultsAreFairseqLike() {
        assertEquals(500, KMeans.builder().build().k());
    }

    @Test
    void refusesFewerRowsThanClustersAndNonFiniteInput() {
        KMeans km = KMeans.builder().k(5).build();
        VoxtokException e = assertThrows(VoxtokException.class,
                () -> km.fit(new float[8], 4, 2, ProgressListener.none()));
        assertTrue(e.getMessage().contains("k=5"), e.getMessage());
        float[] bad = new float[20];
        bad[3] = Float.NaN;
        assertThrows(VoxtokException.class, () -> km.fit(bad, 10, 2, ProgressListener.none()));
    }
}
