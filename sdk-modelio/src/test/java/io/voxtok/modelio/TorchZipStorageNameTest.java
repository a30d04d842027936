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
 * A storage key that is not a plain record name (torch.save numbers them) is refused before any record is
 * inflated, so a pickle cannot point a tensor at some other record of the archive.
 */
class TorchZipStorageNameTest {
    @TempDir
    Path dir;

    @Test
    void storageKeyWithAPathIsRefused() throws IOException {
        byte[] pickle = new PickleBuilder().proto(2).emptyDict()
                .str("w").tensor("0/../1", 2, 0, new int[] {2}, new int[] {1}).setItem().stop().bytes();
        Path file = PickleBuilder.writeTorchZip(dir.resolve("path.pt"), "archive", pickle,
                Map.of("0/../1", PickleBuilder.floats(1, 2)));
        VoxtokException e = assertThrows(VoxtokException.class, () -> StateDict.read(file));
        assertEquals(ErrorKind.USER_INPUT, e.kind());
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("tensor 'w'")
                && e.getMessage().contains("not a storage record name"), e.getMessage());
    }
}
