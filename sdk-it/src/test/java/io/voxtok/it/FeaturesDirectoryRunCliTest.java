package io.voxtok.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.audio.WavWriter;
import io.voxtok.modelio.NpyFile;
import io.voxtok.units.FeatureCacheManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code voxtok features} over a folder, through the packaged HuBERT plugin and its parity checkpoint (issue #16):
 * a failing input is listed while the others are extracted (exit 1), its stale {@code .npy} is removed, and a
 * rerun recomputes exactly the input whose bytes changed although its name, size and time stamp are the same.
 */
class FeaturesDirectoryRunCliTest {
    @TempDir
    Path dir;

    private static Path hubert() {
        return Path.of(System.getProperty("voxtok.shared"), "fixtures", "parity", "hubert");
    }

    private void wav(Path p, double freq) {
        float[] x = new float[8000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.3 * Math.sin(2 * Math.PI * freq * i / 16000));
        }
        WavWriter.write(p, AudioBuffer.ofMono(x, 16000));
    }

    private Cli features(Path in, Path out) {
        return Cli.run("features", "-m", hubert().toString(), "--layer", "3", in.toString(), "-o", out.toString());
    }

    @Test
    void failuresAreListedAndChangedInputsRecomputed() throws IOException {
        Path in = dir.resolve("in");
        wav(in.resolve("a.wav"), 220);
        wav(in.resolve("sub/b.wav"), 330);
        Path bad = Files.writeString(in.resolve("c.wav"), "not audio");
        Path out = dir.resolve("feats");
        Files.createDirectories(out);
        Path stale = Files.write(out.resolve("c.npy"), new byte[] {1, 2, 3});

        Cli first = features(in, out);
        assertEquals(1, first.code(), first.err());
        assertTrue(first.err().contains(bad.toString()) && first.err().contains("removed its stale output " + stale),
                first.err());
        assertTrue(first.err().contains("1 of 3 inputs failed"), first.err());
        assertFalse(Files.exists(stale));
        FeatureCacheManifest m = FeatureCacheManifest.read(out).orElseThrow();
        assertEquals(List.of("a", "b"), m.files().stream().map(FeatureCacheManifest.Entry::id).toList());
        assertEquals(64, NpyFile.read(out.resolve("b.npy")).shape()[1]);
        assertTrue(first.out().contains("(2 computed, 0 unchanged inputs reused)"), first.out());

        // same name, size and time stamp, other content: recomputed; the unchanged input is reused
        Files.delete(bad);
        Path a = in.resolve("a.wav");
        FileTime stamp = Files.getLastModifiedTime(a);
        wav(a, 440);
        Files.setLastModifiedTime(a, stamp);
        Cli second = features(in, out);
        assertEquals(0, second.code(), second.err());
        assertTrue(second.out().contains("(1 computed, 1 unchanged inputs reused)"), second.out());
    }
}
