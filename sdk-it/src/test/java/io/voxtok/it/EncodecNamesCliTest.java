package io.voxtok.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.audio.AudioReader;
import io.voxtok.audio.WavWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The EnCodec tokenizer names through the CLI on the packaged plugin, with the shared parity fixtures' models:
 * {@code encodec:48khz} resolves (it once did not) and gives the segmented 48 kHz tokenizer, {@code encodec} and
 * {@code encodec:24khz} keep working, and a variant nobody offers is refused naming what exists.
 */
class EncodecNamesCliTest {
    @TempDir
    Path dir;

    private static String fixture(String name) {
        Path p = Path.of(System.getProperty("voxtok.shared"), "fixtures", "parity", name);
        assertTrue(java.nio.file.Files.isRegularFile(p.resolve("model.pt")), "fixture missing: " + p);
        return p.toString();
    }

    @Test
    void pluginsListsTheThreeEncodecNames() {
        Cli r = Cli.run("plugins");
        assertEquals(0, r.code(), r.err());
        for (String id : new String[] {"encodec:default", "encodec:24khz", "encodec:48khz"}) {
            assertTrue(r.out().contains(id), id + " missing from:\n" + r.out());
        }
    }

    /** 1.2 s of stereo: segments of 150 and 32 frames, decoded to 47 520 + 32 x 320 = 57 760 samples. */
    @Test
    void theFortyEightKilohertzNameResynthesisesStereoAtTheDeclaredLength() {
        int n = 57600;
        float[][] planar = new float[2][n];
        for (int i = 0; i < n; i++) {
            planar[0][i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * i / 48000.0));
            planar[1][i] = (float) (0.3 * Math.sin(2 * Math.PI * 660 * i / 48000.0));
        }
        Path in = dir.resolve("stereo.wav");
        WavWriter.write(in, AudioBuffer.ofPlanar(planar, 48000));
        Path out = dir.resolve("out.wav");
        Cli r = Cli.run("resynth", "-t", "encodec:48khz", "-m", fixture("encodec48"), "--threads", "1", "-o",
                out.toString(), in.toString());
        assertEquals(0, r.code(), r.err());
        AudioBuffer y = AudioReader.read(out);
        assertEquals(48000, y.sampleRate());
        assertEquals(2, y.channels());
        assertEquals(47520 + 32 * 320, y.frames());
    }

    @Test
    void theOtherNamesResolveAndAnUnknownVariantIsRefused() {
        Path in = dir.resolve("mono.wav");
        WavWriter.write(in, AudioBuffer.ofMono(new float[2400], 24000));
        for (String name : new String[] {"encodec", "encodec:24khz"}) {
            Cli r = Cli.run("encode", "-t", name, "-m", fixture("encodec"), "--threads", "1", "-o",
                    dir.resolve(name.replace(':', '-') + ".vtok").toString(), in.toString());
            assertEquals(0, r.code(), name + ": " + r.err());
        }
        Cli unknown = Cli.run("encode", "-t", "encodec:32khz", "-m", fixture("encodec"), "-o",
                dir.resolve("x.vtok").toString(), in.toString());
        assertTrue(unknown.code() != 0, unknown.out());
        assertTrue(unknown.err().contains("encodec:48khz"), unknown.err());
    }
}
