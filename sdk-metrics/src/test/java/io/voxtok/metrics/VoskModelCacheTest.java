package io.voxtok.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unpacking the model archive into a fresh cache folder. */
class VoskModelCacheTest {
    @TempDir
    Path dir;

    @Test
    void unpacksTheModelAtomicallyAndOnlyOnce() throws Exception {
        Path archive = VoskModelCache.findArchive();
        Path target = dir.resolve(VoskModelCache.VERSION);
        VoskModelCache.unpack(archive, target);
        assertTrue(Files.isRegularFile(target.resolve("model-en-us/am/final.mdl")));
        assertTrue(Files.isRegularFile(target.resolve("model-en-us/graph/HCLr.fst")));
        // A second unpack loses the rename race harmlessly and leaves no temporary folder behind.
        VoskModelCache.unpack(archive, target);
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count());
        }
    }
}
