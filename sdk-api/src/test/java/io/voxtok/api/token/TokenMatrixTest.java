package io.voxtok.api.token;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenMatrixTest {
    private static final TokenProducer P = new TokenProducer("t", "default", "h");

    @Test
    void stackPadsAndKeepsValidFrames() {
        TokenMatrix a = TokenMatrix.single(new int[][] {{1, 2, 3}, {4, 5, 6}}, 0, 8, 50, P);
        TokenMatrix b = TokenMatrix.single(new int[][] {{7}, {0}}, 0, 8, 50, P);
        TokenMatrix s = TokenMatrix.stack(List.of(a, b));
        assertEquals(2, s.batchSize());
        assertEquals(3, s.frames());
        assertArrayEquals(new int[] {3, 1}, s.validFrames());
        assertEquals(7, s.code(0, 1, 0));
        assertEquals(0, s.code(0, 1, 2), "padding is code 0");
        assertEquals(b, s.item(1));
        assertEquals(a, s.item(0));
        // flat order is [layer][item][frame]
        assertArrayEquals(new int[] {1, 2, 3, 7, 0, 0, 4, 5, 6, 0, 0, 0}, s.toArray());
    }

    @Test
    void layerSlicesAndConcatenationFollowRvqIndices() {
        TokenMatrix m = TokenMatrix.single(new int[][] {{1, 1}, {2, 2}, {3, 3}}, 0, 8, 50, P);
        TokenMatrix upper = m.layers(1, 3);
        assertEquals(1, upper.firstLayer());
        assertEquals(LayerRange.of(1, 3), upper.layerRange());
        assertEquals(m, m.layers(0, 1).concatLayers(upper));
        assertThrows(IllegalArgumentException.class, () -> m.layers(0, 1).concatLayers(m.layers(2, 3)));
    }

    @Test
    void invalidContentIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> TokenMatrix.single(new int[][] {{8}}, 0, 8, 50, P));
        assertThrows(IllegalArgumentException.class, () -> TokenMatrix.single(new int[][] {{-1}}, 0, 8, 50, P));
        assertThrows(IllegalArgumentException.class,
                () -> TokenMatrix.of(new int[4], 1, 2, 2, 0, 8, 50, new int[] {3, 1}, P));
    }

    @Test
    void sideInformationTravelsWithItemsAndLayers() {
        TokenMatrix a = TokenMatrix.single(new int[][] {{1, 2}}, 0, 8, 50, P).withSideInfo("scale", new float[][] {{0.5f}});
        TokenMatrix b = TokenMatrix.single(new int[][] {{3}}, 0, 8, 50, P).withSideInfo("scale", new float[][] {{2f, 3f}});
        TokenMatrix s = TokenMatrix.stack(List.of(a, b));
        assertArrayEquals(new float[] {2f, 3f}, s.sideInfo().get("scale")[1]);
        assertEquals(b, s.item(1));
        assertNotEquals(a, TokenMatrix.single(new int[][] {{1, 2}}, 0, 8, 50, P));
        float[][] copy = s.sideInfo().get("scale");
        copy[0][0] = 99;
        assertEquals(0.5f, s.sideInfo().get("scale")[0][0], "side information is immutable");
        assertThrows(IllegalArgumentException.class, () -> a.withSideInfo("scale", new float[][] {{Float.NaN}}));
        assertThrows(IllegalArgumentException.class, () -> a.withSideInfo("scale", new float[2][1]));
    }

    @Test
    void oneBasedRangesParseAsUsersWriteThem() {
        assertEquals(LayerRange.of(1, 8), LayerRange.parseOneBased("2:8"));
        assertEquals(LayerRange.of(0, 1), LayerRange.parseOneBased("1"));
        assertThrows(IllegalArgumentException.class, () -> LayerRange.parseOneBased("x"));
    }
}
