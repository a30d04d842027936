package io.voxtok.plugin.uslm.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** The in-place cache holds exactly the concatenation of what was appended, across buffer growth. */
class LayerKvCacheTest {

    @Test
    void viewsEqualTheConcatenationOfAppendedPositionsAcrossGrowth() {
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager(); LayerKvCache cache = new LayerKvCache(m)) {
            NDArray allK = null;
            NDArray allV = null;
            int[] chunks = {37, 1, 1, 250, 1, 300, 1, 1};
            int total = 0;
            int grows = 0;
            int lastCapacity = 0;
            for (int c : chunks) {
                try (NDManager step = m.newSubManager()) {
                    NDArray k = step.randomUniform(-1, 1, new Shape(1, 2, c, 4));
                    NDArray v = step.randomUniform(-1, 1, new Shape(1, 2, c, 4));
                    NDArray[] kv = cache.append(k, v);
                    total += c;
                    NDArray nk = allK == null ? k.duplicate() : allK.concat(k, 2);
                    NDArray nv = allV == null ? v.duplicate() : allV.concat(v, 2);
                    nk.attach(m);
                    nv.attach(m);
                    allK = nk;
                    allV = nv;
                    assertEquals(new Shape(1, 2, total, 4), kv[0].getShape());
                    assertArrayEquals(allK.toFloatArray(), kv[0].toFloatArray());
                    assertArrayEquals(allV.toFloatArray(), kv[1].toFloatArray());
                    assertEquals(total, cache.length());
                    assertTrue(cache.capacity() >= total);
                    if (cache.capacity() != lastCapacity) {
                        grows++;
                        lastCapacity = cache.capacity();
                    }
                }
            }
            assertTrue(grows >= 3, "the chunks must force the buffers to grow (grew " + grows + " times)");
        }
    }
}
