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
 * Dictionary keys that Java cannot hash cheaply (self-containing, deeply nested, or with an exploding text form)
 * are refused as malformed input naming the checkpoint, instead of ending in a stack overflow or out of memory.
 */
class PickleHostileKeyTest {
    @TempDir
    Path dir;

    private VoxtokException refused(String name, byte[] pickle) throws IOException {
        Path file = PickleBuilder.writeTorchZip(dir.resolve(name), "archive", pickle, Map.of());
        VoxtokException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(VoxtokException.class, () -> StateDict.read(file)));
        assertEquals(ErrorKind.USER_INPUT, e.kind());
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("data.pkl"), e.getMessage());
        assertTrue(e.getMessage().lines().count() == 1, e.getMessage());
        return e;
    }

    /** l = []; l.append(l); {l: 1}: hashing l would recurse forever. */
    @Test
    void selfContainingListKeyIsRefused() throws IOException {
        byte[] pickle = new PickleBuilder().proto(2).emptyDict()
                .op(']').op('q').op(0).op('h').op(0).op('a') // EMPTY_LIST, BINPUT 0, BINGET 0, APPEND
                .integer(1).setItem().stop().bytes();
        assertTrue(refused("selfkey.pt", pickle).getMessage().contains("unhashable"));
    }

    /** A key of tuples nested 5000 deep: hashing it recursively would overflow the stack. */
    @Test
    void deeplyNestedTupleKeyIsRefused() throws IOException {
        PickleBuilder b = new PickleBuilder().proto(2).emptyDict().integer(0);
        for (int i = 0; i < 5000; i++) {
            b.tuple1();
        }
        byte[] pickle = b.integer(1).setItem().stop().bytes();
        assertTrue(refused("deepkey.pt", pickle).getMessage().contains("levels deep"));
    }

    /**
     * t0 = ('x' * 1000,); t(i+1) = (ti, ti): 30 levels of sharing make a key of 2^30 strings in a pickle of a few
     * hundred bytes, whose hash takes hours and whose text form cannot fit in memory.
     */
    @Test
    void keySharingTuplesExponentiallyIsRefused() throws IOException {
        PickleBuilder b = new PickleBuilder().proto(2).emptyDict().str("x".repeat(1000)).tuple1();
        for (int i = 0; i < 30; i++) {
            b.op('q').op(0).op('h').op(0).op(0x86); // BINPUT 0, BINGET 0, TUPLE2
        }
        byte[] pickle = b.integer(1).setItem().stop().bytes();
        refused("dagkey.pt", pickle);
    }

    /** A key that is one flat tuple of 100 copies of a 1 MB string: a text form of 100 MB. */
    @Test
    void keyWithHugeTextIsRefused() throws IOException {
        PickleBuilder b = new PickleBuilder().proto(2).emptyDict().mark().str("y".repeat(1 << 20)).op('q').op(0);
        for (int i = 0; i < 100; i++) {
            b.op('h').op(0);
        }
        byte[] pickle = b.tuple().integer(1).setItem().stop().bytes();
        assertTrue(refused("textkey.pt", pickle).getMessage().contains("characters of text"));
    }
}
