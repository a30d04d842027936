package io.voxtok.nn;

import ai.djl.ndarray.NDManager;
import io.voxtok.api.VoxtokException;
import io.voxtok.modelio.StateDict;
import io.voxtok.modelio.Tensor;
import io.voxtok.nn.backend.PyTorchBackend;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParameterLoaderTest {

    private static StateDict dict() {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("a.weight_g", Tensor.ofFloats(new float[] {2f}, 1, 1, 1));
        t.put("a.weight_v", Tensor.ofFloats(new float[] {3f, 4f}, 1, 1, 2));
        t.put("a.bias", Tensor.ofFloats(new float[] {1f}, 1));
        t.put("b.weight", Tensor.ofFloats(new float[] {1f, 2f, 3f}, 3));
        t.put("q.layers.0._codebook.embed_avg", Tensor.ofFloats(new float[] {0f}, 1));
        t.put("extra.thing", Tensor.ofFloats(new float[] {0f}, 1));
        return StateDict.of(t, Path.of("test.pt"));
    }

    @Test
    void foldsWeightNormAndReportsEveryProblemAtOnce() {
        try (NDManager m = PyTorchBackend.newManager(ai.djl.Device.cpu())) {
            ParameterLoader loader = new ParameterLoader(dict(), m, "test model");
            // g * v / |v| = 2 * (3, 4) / 5
            assertArrayEquals(new float[] {1.2f, 1.6f}, loader.weightNormed("a.", 0, 1, 1, 2).toFloatArray(), 1e-6f);
            loader.tensor("a.bias", 1);
            loader.tensor("b.weight", 4);
            loader.tensor("c.missing", 2);
            loader.ignore("q.layers.*._codebook.embed_avg");
            VoxtokException e = assertThrows(VoxtokException.class, loader::finish);
            String msg = e.getMessage();
            assertTrue(msg.contains("test.pt") && msg.contains("c.missing") && msg.contains("b.weight is [3]")
                    && msg.contains("extra.thing") && !msg.contains("embed_avg"), msg);
        }
    }

    @Test
    void acceptsCompleteCheckpoint() {
        try (NDManager m = PyTorchBackend.newManager(ai.djl.Device.cpu())) {
            ParameterLoader loader = new ParameterLoader(dict(), m, "test model");
            loader.weightNormed("a.", 0, 1, 1, 2);
            loader.tensor("a.bias", 1);
            loader.tensor("b.weight", 3);
            loader.ignore("q.*", "extra.thing");
            assertDoesNotThrow(loader::finish);
        }
    }
}
