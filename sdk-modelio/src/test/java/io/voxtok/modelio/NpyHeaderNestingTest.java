package io.voxtok.modelio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code .npy} header nested absurdly deep is a one-line {@code USER_INPUT} error, not a StackOverflowError
 * (issue #16), and error messages quote only the start of a long header.
 */
class NpyHeaderNestingTest {
    @TempDir
    Path dir;

    @Test
    void deeplyNestedHeaderIsAOneLineError() throws Exception {
        // 200 000 brackets: far past what the recursive parser's stack survived
        String header = "{'descr': '<i8', 'fortran_order': False, 'shape': " + "(".repeat(200_000) + "}";
        Path f = npy("deep.npy", header);
        VoxtokException e = assertThrows(VoxtokException.class, () -> NpyFile.read(f));
        assertEquals(ErrorKind.USER_INPUT, e.kind());
        assertEquals("cannot read .npy file " + f + ": its header nests deeper than 8 levels (at character 57)",
                e.getMessage());
    }

    @Test
    void longMalformedHeaderIsQuotedShort() throws Exception {
        Path f = npy("long.npy", "{'descr': " + "x".repeat(100_000) + "}");
        VoxtokException e = assertThrows(VoxtokException.class, () -> NpyFile.read(f));
        assertTrue(e.getMessage().length() < 300 + f.toString().length(), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void numpysOwnNestingStillReads() throws Exception {
        Path f = npy("ok.npy", "{'descr': '<i8', 'fortran_order': False, 'shape': (1, 2), }", 1L, 2L);
        assertArrayEquals(new long[] {1, 2}, NpyFile.read(f).toLongArray());
    }

    /** A version-2 .npy (4-byte header length, so the header may be long) with the given header and int64 data. */
    private Path npy(String name, String header, long... data) throws Exception {
        byte[] h = (header + "\n").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(12 + h.length + 8 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0}).putInt(h.length).put(h);
        for (long v : data) {
            b.putLong(v);
        }
        return Files.write(dir.resolve(name), b.array());
    }
}
