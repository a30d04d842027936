package io.voxtok.modelio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The unpickler's stack is bounded ({@link PickleReader#MAX_STACK}): one-byte opcodes that each push a new
 * container (here EMPTY_DICT, some 60 bytes of heap each) would otherwise turn a pickle into 60 times its size.
 */
class PickleStackBoundTest {
    @TempDir
    Path dir;

    @Test
    void stackGrowingPastTheBoundIsRefused() throws IOException {
        PickleBuilder b = new PickleBuilder().proto(2);
        for (int i = 0; i <= PickleReader.MAX_STACK; i++) {
            b.emptyDict();
        }
        Path file = PickleBuilder.writeTorchZip(dir.resolve("wide.pt"), "archive", b.stop().bytes(), Map.of());
        VoxtokException e = assertThrows(VoxtokException.class, () -> StateDict.read(file));
        assertEquals(ErrorKind.USER_INPUT, e.kind());
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("stack grows past"),
                e.getMessage());
    }
}
