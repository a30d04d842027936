package io.voxtok.modelio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zip records that deflate a long run of zeros into a few kilobytes (a zip bomb) are refused once the archive's
 * inflation allowance ({@link TorchZipReader#INFLATE_RATIO} times its size plus a slack) runs out, instead of
 * inflating gigabytes into memory.
 */
class TorchZipInflationBoundTest {
    @TempDir
    Path dir;

    /** 48 MiB of zeros: a float32 storage of 12 Mi elements, deflating to about 48 KiB. */
    private static final int NUMEL = 12 << 20;

    @Test
    void storagesInflatingFarBeyondTheArchiveAreRefused() throws IOException {
        byte[] zeros = new byte[NUMEL * 4];
        byte[] pickle = new PickleBuilder().proto(2).emptyDict()
                .str("a").tensor("0", NUMEL, 0, new int[] {NUMEL}, new int[] {1}).setItem()
                .str("b").tensor("1", NUMEL, 0, new int[] {NUMEL}, new int[] {1}).setItem().stop().bytes();
        Map<String, byte[]> storages = new LinkedHashMap<>();
        storages.put("0", zeros);
        storages.put("1", zeros);
        Path file = PickleBuilder.writeTorchZip(dir.resolve("bomb.pt"), "archive", pickle, storages);
        assertTrue(Files.size(file) < 1 << 20, "the archive is small: " + Files.size(file));
        VoxtokException e = assertThrows(VoxtokException.class, () -> StateDict.read(file));
        assertEquals(ErrorKind.USER_INPUT, e.kind());
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("archive/data/1")
                && e.getMessage().contains("inflates"), e.getMessage());
    }

    /** A data.pkl padded with zeros after its STOP declares a size past the allowance: refused before inflating. */
    @Test
    void oversizedPickleRecordIsRefused() throws IOException {
        byte[] stop = new PickleBuilder().proto(2).emptyDict().stop().bytes();
        byte[] padded = Arrays.copyOf(stop, 96 << 20);
        Path file = PickleBuilder.writeTorchZip(dir.resolve("pkl-bomb.pt"), "archive", padded, Map.of());
        VoxtokException e = assertThrows(VoxtokException.class, () -> StateDict.read(file));
        assertTrue(e.getMessage().contains("archive/data.pkl") && e.getMessage().contains("inflates"),
                e.getMessage());
    }

    /** A record longer than its declared storage still reads (only as far as the storage needs). */
    @Test
    void recordLongerThanItsStorageReadsOnlyTheStorage() throws IOException {
        byte[] pickle = new PickleBuilder().proto(2).emptyDict()
                .str("w").tensor("0", 2, 0, new int[] {2}, new int[] {1}).setItem().stop().bytes();
        byte[] record = Arrays.copyOf(PickleBuilder.floats(3, 4), 8 + (1 << 20));
        Path file = PickleBuilder.writeTorchZip(dir.resolve("long.pt"), "archive", pickle, Map.of("0", record));
        Tensor w = StateDict.read(file).get("w");
        assertArrayEquals(new float[] {3, 4}, w.toFloatArray());
    }
}
