package io.voxtok.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.modelio.StateDict;
import io.voxtok.modelio.Tensor;
import io.voxtok.nn.backend.PyTorchBackend;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A checkpoint with thousands of keys the model does not use is refused in one short line: the first
 * {@value ParameterLoader#LISTED_KEYS} keys and the count, not a message of thousands of names.
 */
class ParameterLoaderKeyListTest {
    @Test
    void thousandsOfUnexpectedKeysAreCountedNotAllListed() {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("w", Tensor.ofFloats(new float[] {1, 2}, 2));
        for (int i = 0; i < 3000; i++) {
            t.put(String.format("bogus.%04d", i), Tensor.ofFloats(new float[] {0}, 1));
        }
        try (NDManager m = PyTorchBackend.newManager(ai.djl.Device.cpu())) {
            ParameterLoader loader = new ParameterLoader(StateDict.of(t, Path.of("bogus.pt")), m, "test model");
            loader.tensor("w", 2).close();
            VoxtokException e = assertThrows(VoxtokException.class, loader::finish);
            assertEquals(ErrorKind.USER_INPUT, e.kind());
            String msg = e.getMessage();
            assertTrue(msg.contains("bogus.pt") && msg.contains("unexpected keys [bogus.0000, bogus.0001,")
                    && msg.contains("bogus.0019, ... (3000 in all)]") && !msg.contains("bogus.0020"), msg);
            assertTrue(msg.length() < 1000 && !msg.contains("\n"), msg);
        }
    }
}
