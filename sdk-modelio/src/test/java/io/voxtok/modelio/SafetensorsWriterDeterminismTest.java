package io.voxtok.modelio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same tensors and metadata give byte-identical safetensors files, whatever order the metadata map has. */
class SafetensorsWriterDeterminismTest {
    @TempDir
    Path dir;

    @Test
    void metadataOrderDoesNotChangeTheBytes() throws IOException {
        Map<String, Tensor> tensors = Map.of("w", new Tensor(DType.FLOAT32, new long[] {2},
                ByteBuffer.wrap(PickleBuilder.floats(1, 2))));
        List<String> keys = List.of("format", "model", "step", "config", "n_q", "sample_rate");
        Map<String, String> forward = new LinkedHashMap<>();
        Map<String, String> backward = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            forward.put(keys.get(i), "v" + i);
            String k = keys.get(keys.size() - 1 - i);
            backward.put(k, "v" + keys.indexOf(k));
        }
        Path a = dir.resolve("a.safetensors");
        Path b = dir.resolve("b.safetensors");
        SafetensorsWriter.write(a, tensors, forward);
        SafetensorsWriter.write(b, tensors, backward);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }
}
