package io.voxtok.units;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.voxtok.api.VoxtokException;
import io.voxtok.api.teacher.FeatureSequence;
import org.junit.jupiter.api.Test;

class UnitExtractorTest {
    private final Centroids line = Centroids.of(new float[] {0, 10, 20}, 3, 1);

    @Test
    void assignsNearestCentroidPerFrame() {
        FeatureSequence f = FeatureSequence.of(new float[] {1, 2, 9, 11, 19, 4}, 6, 1, 50);
        assertArrayEquals(new int[] {0, 0, 1, 1, 2, 0}, new UnitExtractor(line, false).extract(f));
        assertArrayEquals(new int[] {0, 1, 2, 0}, new UnitExtractor(line, true).extract(f));
    }

    @Test
    void collapseAndRunLengths() {
        int[] u = {3, 3, 5, 5, 5, 3};
        assertArrayEquals(new int[] {3, 5, 3}, UnitExtractor.collapse(u));
        assertArrayEquals(new int[] {2, 3, 1}, UnitExtractor.runLengths(u));
        assertArrayEquals(new int[0], UnitExtractor.collapse(new int[0]));
        assertArrayEquals(new int[0], UnitExtractor.runLengths(new int[0]));
    }

    @Test
    void refusesFeaturesOfAnotherDimension() {
        FeatureSequence f = FeatureSequence.of(new float[4], 2, 2, 50);
        assertThrows(VoxtokException.class, () -> new UnitExtractor(line, false).extract(f));
    }
}
