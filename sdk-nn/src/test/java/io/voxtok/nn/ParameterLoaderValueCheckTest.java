package io.voxtok.nn;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.modelio.DType;
import io.voxtok.modelio.StateDict;
import io.voxtok.modelio.Tensor;
import io.voxtok.nn.backend.PyTorchBackend;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Weights that cannot be float weights (integer or bool dtypes) or that are not finite (NaN, infinity, half storage
 * holding infinities, doubles beyond float32) are refused by {@link ParameterLoader#finish()}, naming each key.
 */
class ParameterLoaderValueCheckTest {

    private static Tensor raw(DType dtype, ByteBuffer data, long... shape) {
        return new Tensor(dtype, shape, data.flip());
    }

    private static ByteBuffer le(int bytes) {
        return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void nonFloatAndNonFiniteWeightsAreRefusedByKey() {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("ok.weight", Tensor.ofFloats(new float[] {1f, -2f}, 2));
        t.put("nan.weight", Tensor.ofFloats(new float[] {0f, Float.NaN}, 2));
        t.put("inf.weight", Tensor.ofFloats(new float[] {Float.NEGATIVE_INFINITY, 0f}, 2));
        t.put("int.weight", Tensor.ofLongs(new long[] {1, 2}, 2));
        t.put("bool.weight", raw(DType.BOOL, le(2).put((byte) 1).put((byte) 0), 2));
        t.put("half.weight", raw(DType.FLOAT16, le(4).putShort((short) 0x3c00).putShort((short) 0x7c00), 2));
        t.put("double.weight", raw(DType.FLOAT64, le(16).putDouble(1.0).putDouble(1e300), 2));
        StateDict dict = StateDict.of(t, Path.of("hostile.pt"));
        try (NDManager m = PyTorchBackend.newManager(ai.djl.Device.cpu())) {
            ParameterLoader loader = new ParameterLoader(dict, m, "test model");
            for (String key : t.keySet()) {
                assertEquals(2, loader.tensor(key, 2).size());
            }
            VoxtokException e = assertThrows(VoxtokException.class, loader::finish);
            assertEquals(ErrorKind.USER_INPUT, e.kind());
            String msg = e.getMessage();
            assertTrue(msg.contains("hostile.pt"), msg);
            for (String key : new String[] {"nan", "inf", "int", "bool", "half", "double"}) {
                assertTrue(msg.contains(key + ".weight "), key + ": " + msg);
            }
            assertTrue(!msg.contains("ok.weight") && msg.contains("INT64") && msg.contains("NaN"), msg);
        }
    }

    @Test
    void finiteHalfAndDoubleWeightsLoad() {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("half.weight", raw(DType.FLOAT16, le(4).putShort((short) 0x3c00).putShort((short) 0xc000), 2));
        t.put("double.weight", raw(DType.FLOAT64, le(16).putDouble(1.0).putDouble(-3e38), 2));
        try (NDManager m = PyTorchBackend.newManager(ai.djl.Device.cpu())) {
            ParameterLoader loader = new ParameterLoader(StateDict.of(t, Path.of("fine.pt")), m, "test model");
            loader.tensor("half.weight", 2);
            loader.tensor("double.weight", 2);
            assertDoesNotThrow(loader::finish);
        }
    }
}
