package io.voxtok.modelio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Safetensors files whose header and data disagree (a header length one byte off, gaps, overlaps, shapes whose
 * byte count overflows) are refused naming the file and the tensor, instead of reading shifted garbage.
 */
class SafetensorsLayoutValidationTest {
    @TempDir
    Path dir;

    /** A file with the given header JSON, header length field {@code headerLen + lengthError}, and data. */
    private Path file(String name, String header, int lengthError, byte[] data) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length + lengthError).put(h).put(data);
        return Files.write(dir.resolve(name), b.array());
    }

    private static VoxtokException refused(Path file) {
        VoxtokException e = assertThrows(VoxtokException.class, () -> SafetensorsReader.read(file));
        assertEquals(ErrorKind.USER_INPUT, e.kind());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        return e;
    }

    private static final String TWO = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
            + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}  ";

    @Test
    void wellFormedFileReads() throws IOException {
        assertEquals(2, SafetensorsReader.read(file("ok.safetensors", TWO, 0, new byte[12])).size());
    }

    /** Padding spaces keep the JSON valid when the length field is one short, so only the layout check sees it. */
    @Test
    void headerLengthOneByteShortIsRefused() throws IOException {
        VoxtokException e = refused(file("short.safetensors", TWO, -1, new byte[12]));
        assertTrue(e.getMessage().contains("cover 12 data bytes but the file holds 13"), e.getMessage());
    }

    @Test
    void gapBetweenTensorsIsRefused() throws IOException {
        String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}";
        VoxtokException e = refused(file("gap.safetensors", header, 0, new byte[12]));
        assertTrue(e.getMessage().contains("tensor 'b'") && e.getMessage().contains("contiguous"), e.getMessage());
    }

    @Test
    void overlappingTensorsAreRefused() throws IOException {
        String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        VoxtokException e = refused(file("overlap.safetensors", header, 0, new byte[8]));
        assertTrue(e.getMessage().contains("tensor 'b'"), e.getMessage());
    }

    /** 2^62 * 2^2 elements of 4 bytes wraps around to 0 in long arithmetic. */
    @Test
    void overflowingShapeIsRefused() throws IOException {
        String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[4611686018427387904,4],\"data_offsets\":[0,0]}}";
        VoxtokException e = refused(file("overflow.safetensors", header, 0, new byte[0]));
        assertTrue(e.getMessage().contains("tensor 'a'") && e.getMessage().contains("more bytes than a long"),
                e.getMessage());
    }
}
