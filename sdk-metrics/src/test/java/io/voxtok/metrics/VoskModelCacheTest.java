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
        // the archive's feature options are kept, and dither (random noise from a process-wide generator, which
        // made a transcript depend on the audio recognised before it) is turned off by the last line
        java.util.List<String> conf = Files.readAllLines(target.resolve("model-en-us/conf/mfcc.conf"));
        assertTrue(conf.contains("--sample-frequency=16000"), conf.toString());
        assertEquals("--dither=0", conf.get(conf.size() - 1));
        // A second unpack loses the rename race harmlessly and leaves no temporary folder behind.
        VoskModelCache.unpack(archive, target);
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count());
        }
    }
}
