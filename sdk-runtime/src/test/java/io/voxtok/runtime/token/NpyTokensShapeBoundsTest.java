package io.voxtok.runtime.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.token.TokenProducer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Token {@code .npy} files whose shape claims more batch items than the file could describe are refused before
 * anything is sized from the shape (issue #16: items of 0 frames cost no bytes, so a tiny file could ask for
 * gigabytes of per-item lengths).
 */
class NpyTokensShapeBoundsTest {
    @TempDir
    Path dir;

    private static final TokenProducer P = new TokenProducer("speechtokenizer", "default", "x");

    @Test
    void hugeBatchOfEmptyItemsIsRefused() throws Exception {
        Path f = npy("empty-items.npy", "(1, 1500000000, 0)");
        VoxtokException e = assertThrows(VoxtokException.class, () -> NpyTokens.read(f, 0, 1024, 50.0, P));
        assertEquals(ErrorKind.USER_INPUT, e.kind());
        assertEquals(f + ": shape [1, 1500000000, 0] declares 1500000000 batch items, more than the file's "
                + Files.size(f) + " bytes", e.getMessage());
    }

    @Test
    void dimensionBeyondAnIntIsRefused() throws Exception {
        Path f = npy("wide.npy", "(1, 4294967296, 0)");
        VoxtokException e = assertThrows(VoxtokException.class, () -> NpyTokens.read(f, 0, 1024, 50.0, P));
        assertEquals(f + ": shape [1, 4294967296, 0] is too large for a token matrix", e.getMessage());
    }

    @Test
    void noItemsOrNoLayersAreRefused() throws Exception {
        // TokenFileFuzzTest case 19087: shape (3, 0, 4) ended in IllegalArgumentException from TokenMatrix
        Path f = npy("case-19087.npy", "(3, 0, 4)");
        VoxtokException e = assertThrows(VoxtokException.class, () -> NpyTokens.read(f, 0, 1024, 50.0, P));
        assertEquals(ErrorKind.USER_INPUT, e.kind());
        assertEquals(f + ": shape [3, 0, 4] holds no codes: n_q and B must be at least 1", e.getMessage());
        Path layers = npy("no-layers.npy", "(0, 4)");
        assertEquals(layers + ": shape [0, 4] holds no codes: n_q and B must be at least 1",
                assertThrows(VoxtokException.class, () -> NpyTokens.read(layers, 0, 1024, 50.0, P)).getMessage());
    }

    private Path npy(String name, String shape) throws Exception {
        String header = "{'descr': '<i8', 'fortran_order': False, 'shape': " + shape + ", }\n";
        byte[] h = header.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(10 + h.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) h.length).put(h);
        return Files.write(dir.resolve(name), b.array());
    }
}
