package io.voxtok.modelio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.VoxtokException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** .npy files written by numpy 1.24: reading, byte-identical writing, round trips and refusals. */
class NpyFileTest {
    @TempDir
    Path dir;

    @Test
    void readsNumpyFiles() throws IOException {
        Map<String, Object> expected = TestFiles.json("npy_expected.json");
        assertTrue(expected.keySet().containsAll(List.of("f32_2d", "i64_1d", "f64_scalar", "f32_3d", "be_f8",
                "v2_f32", "v3_f32")));
        for (Map.Entry<String, Object> e : expected.entrySet()) {
            Tensor t = NpyFile.read(TestFiles.resource(e.getKey() + ".npy"));
            TestFiles.assertTensor((Map<?, ?>) e.getValue(), t, e.getKey());
        }
        assertEquals(0, NpyFile.read(TestFiles.resource("f64_scalar.npy")).shape().length);
    }

    /** Writing what we read from a little-endian numpy file gives numpy's own bytes (header layout included). */
    @Test
    void writesTheBytesNumpyWrites() throws IOException {
        for (String name : List.of("f32_2d", "i64_1d", "f64_scalar", "f32_3d", "bool", "u1", "i1", "i2", "f2",
                "empty")) {
            Path numpy = TestFiles.resource(name + ".npy");
            Path ours = dir.resolve(name + ".npy");
            NpyFile.write(ours, NpyFile.read(numpy));
            assertArrayEquals(Files.readAllBytes(numpy), Files.readAllBytes(ours), name);
        }
    }

    @Test
    void roundTripsBigEndianInputAsLittleEndian() throws IOException {
        for (String name : List.of("be_f8", "be_i4", "v3_f32")) {
            Tensor original = NpyFile.read(TestFiles.resource(name + ".npy"));
            Path out = dir.resolve(name + ".npy");
            NpyFile.write(out, original);
            Tensor back = NpyFile.read(out);
            assertEquals(original.dtype(), back.dtype());
            assertArrayEquals(original.shape(), back.shape());
            assertEquals(original.data(), back.data(), name);
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(3, s.count(), "no temporary files left");
        }
    }

    @Test
    void readsFortranOrderAsRowMajor() {
        // fortran.npy: numpy's np.asfortranarray(np.arange(6, dtype=np.float32).reshape(2, 3)); np.load gives
        // [[0, 1, 2], [3, 4, 5]] in C order.
        Tensor t = NpyFile.read(TestFiles.resource("fortran.npy"));
        assertArrayEquals(new long[] {2, 3}, t.shape());
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, t.toFloatArray());
    }

    @Test
    void refusesBfloat16AndGarbage() throws IOException {
        VoxtokException e;
        Tensor bf16 = new Tensor(DType.BFLOAT16, new long[] {1}, ByteBuffer.allocate(2));
        Path out = dir.resolve("bf16.npy");
        e = assertThrows(VoxtokException.class, () -> NpyFile.write(out, bf16));
        assertTrue(e.getMessage().contains("bfloat16"), e.getMessage());
        assertTrue(Files.notExists(out));

        Path text = Files.writeString(dir.resolve("text.npy"), "not numpy at all, just text here");
        e = assertThrows(VoxtokException.class, () -> NpyFile.read(text));
        assertTrue(e.getMessage().contains("magic"), e.getMessage());

        byte[] full = Files.readAllBytes(TestFiles.resource("f32_2d.npy"));
        Path truncated = Files.write(dir.resolve("trunc.npy"), java.util.Arrays.copyOf(full, full.length - 4));
        e = assertThrows(VoxtokException.class, () -> NpyFile.read(truncated));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }
}
