package io.voxtok.modelio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PyTorch checkpoint's keys and shapes are known before any strided view is copied (issue #16): 2000 bogus keys,
 * each a stride-0 view that would expand one float of storage into 64 MiB (125 GiB in all), are read in a moment,
 * refused by the key check and never built, while the model's own keys, strided or not, read exactly.
 */
class StateDictDeferredViewsTest {
    private static final int BOGUS = 2000;
    private static final int HUGE = 1 << 24;

    @TempDir
    Path dir;

    private Path checkpoint() throws IOException {
        PickleBuilder p = new PickleBuilder().proto(2).emptyDict()
                .str("w").tensor("0", 4, 0, new int[] {4}, new int[] {1}).setItem()
                .str("w_t").tensor("0", 4, 0, new int[] {2, 2}, new int[] {1, 2}).setItem();
        for (int i = 0; i < BOGUS; i++) {
            p.str("bogus." + i).tensor("1", 1, 0, new int[] {HUGE}, new int[] {0}).setItem();
        }
        return PickleBuilder.writeTorchZip(dir.resolve("bogus.pt"), "archive", p.stop().bytes(),
                Map.of("0", PickleBuilder.floats(1, 2, 3, 4), "1", PickleBuilder.floats(7)));
    }

    @Test
    void bogusKeysAreRefusedWithoutBuildingTheirViews() throws IOException {
        Path file = checkpoint();
        StateDict d = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> StateDict.read(file));
        assertEquals(BOGUS + 2, d.size());
        assertArrayEquals(new long[] {HUGE}, d.shape("bogus.7").orElseThrow());
        VoxtokException e = assertThrows(VoxtokException.class, () -> d.checkKeys(Set.of("w", "w_t"), Set.of()));
        assertEquals(ErrorKind.USER_INPUT, e.kind());
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("unexpected " + BOGUS),
                e.getMessage());
        VoxtokException shape = assertThrows(VoxtokException.class, () -> d.require("bogus.7", 4));
        assertTrue(shape.getMessage().contains("bogus.7") && shape.getMessage().contains("[" + HUGE + "]"),
                shape.getMessage());
    }

    @Test
    void theModelsKeysReadExactlyContiguousOrStrided() throws IOException {
        StateDict d = StateDict.read(checkpoint());
        assertArrayEquals(new float[] {1, 2, 3, 4}, d.require("w", 4).toFloatArray());
        assertArrayEquals(new float[] {1, 3, 2, 4}, d.require("w_t", 2, 2).toFloatArray(), "the transposed view");
        assertSame(d.get("w_t"), d.get("w_t"), "a deferred view is built once");
    }
}
