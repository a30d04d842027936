package io.voxtok.audio;

import io.voxtok.api.audio.AudioBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * STREAMINFO's announced sample count only sizes the first buffer up to what the file can plausibly decode to
 * (issue #16: a 24 KB file announcing 150 million stereo samples made the reader allocate 1.2 GB up front).
 */
class FlacAllocationBoundTest {
    @TempDir
    Path tmp;

    @Test
    void announcedCountDoesNotSizeTheBuffer() throws IOException {
        byte[] b = AudioFixtures.readBytes("flacsig_s16_stereo_16000.flac");
        // plausible for the file size (so not refused), far more than it holds: 10000 frames
        FlacHostileMetadataTest.setTotalSamples(b, 150_000_000L);
        Path f = Files.write(tmp.resolve("claims.flac"), b);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        AudioBuffer audio = FlacReader.read(f);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 64L << 20, "allocated " + allocated + " bytes to read a " + b.length + "-byte file");
        assertArrayEquals(FlacReader.read(AudioFixtures.file("flacsig_s16_stereo_16000.flac")).toArray(),
                audio.toArray());
    }
}
