package io.voxtok.modelio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
 * A {@code .npy} shape whose byte count overflows a long is refused, not wrapped around to a small size that the
 * file would then seem to hold (2^32 x 2^32 int64 elements wrap to 0 bytes).
 */
class NpyShapeOverflowTest {
    @TempDir
    Path dir;

    @Test
    void overflowingShapeIsRefused() throws Exception {
        Path f = npy("wrap.npy", "{'descr': '<i8', 'fortran_order': False, 'shape': (4294967296, 4294967296), }");
        VoxtokException e = assertThrows(VoxtokException.class, () -> NpyFile.read(f));
        assertEquals(ErrorKind.USER_INPUT, e.kind());
        assertEquals("cannot read .npy file " + f + ": its shape [4294967296, 4294967296] has more bytes than a file "
                + "can hold", e.getMessage());
    }

    private Path npy(String name, String header) throws Exception {
        byte[] h = (header + "\n").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(10 + h.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) h.length).put(h);
        return Files.write(dir.resolve(name), b.array());
    }
}
