package io.voxtok.modelio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pickle whose containers share references across many levels (a DAG: l(i+1) = [li, li]) is tiny but its tree
 * walk is exponential in the depth; both the state-dict and the whole-object readers refuse it quickly.
 */
class PickleSharedContainerTest {
    @TempDir
    Path dir;

    private static byte[] sharedLists(int depth) {
        PickleBuilder b = new PickleBuilder().proto(2).op(']');
        for (int i = 0; i < depth; i++) {
            // BINPUT 0, POP, EMPTY_LIST, MARK, BINGET 0, BINGET 0, APPENDS: a new list holding the old one twice.
            b.op('q').op(0).op('0').op(']').mark().op('h').op(0).op('h').op(0).op('e');
        }
        return b.stop().bytes();
    }

    @Test
    void deepSharingIsRefusedByBothReaders() throws IOException {
        Path file = PickleBuilder.writeTorchZip(dir.resolve("dag.pt"), "archive", sharedLists(60), Map.of());
        for (Runnable read : new Runnable[] {() -> StateDict.read(file), () -> TorchZipReader.readObject(file)}) {
            VoxtokException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> assertThrows(VoxtokException.class, read::run));
            assertEquals(ErrorKind.USER_INPUT, e.kind());
            assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("shares containers"),
                    e.getMessage());
        }
    }

    /** Shallow sharing, as a real checkpoint may have, still reads. */
    @Test
    void shallowSharingStillReads() throws IOException {
        Path file = PickleBuilder.writeTorchZip(dir.resolve("dag8.pt"), "archive", sharedLists(8), Map.of());
        assertTrue(StateDict.read(file).keys().isEmpty());
    }
}
