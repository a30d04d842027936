package io.voxtok.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.audio.AudioReader;
import io.voxtok.audio.WavWriter;
import io.voxtok.runtime.token.TokenFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output safety of directory runs through the CLI, with the sample mu-law plugin (issue #16, item 3): the input
 * tree is mirrored, clashing outputs are refused before anything is written, a run where some inputs fail writes
 * all the others and exits 1 listing the failures, and neither stale outputs of failed inputs nor temporary files
 * of a killed earlier run stay behind.
 */
class DirectoryRunCliTest {
    @TempDir
    Path dir;

    private Path wav(String rel, double seconds) {
        int n = (int) (8000 * seconds);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (0.3 * Math.sin(2 * Math.PI * 300 * i / 8000.0));
        }
        Path p = dir.resolve(rel);
        WavWriter.write(p, AudioBuffer.ofMono(x, 8000));
        return p;
    }

    @Test
    void aDirectoryIsMirroredSoEqualNamesInSubfoldersKeepTheirOwnOutputs() {
        wav("corpus/a/x.wav", 0.10);
        wav("corpus/b/x.wav", 0.20);
        Path tokens = dir.resolve("tokens");
        Cli e = Cli.run("encode", "-t", "mulaw", dir.resolve("corpus").toString(), "-o", tokens.toString());
        assertEquals(0, e.code(), e.err());
        assertEquals(800, TokenFile.read(tokens.resolve("a/x.vtok")).tokens().frames());
        assertEquals(1600, TokenFile.read(tokens.resolve("b/x.vtok")).tokens().frames());
        Path audio = dir.resolve("decoded");
        Cli d = Cli.run("decode", "-t", "mulaw", tokens.toString(), "-o", audio.toString());
        assertEquals(0, d.code(), d.err());
        assertEquals(800, AudioReader.read(audio.resolve("a/x.wav")).frames());
        assertEquals(1600, AudioReader.read(audio.resolve("b/x.wav")).frames());
    }

    @Test
    void clashingOutputsAreRefusedBeforeAnythingIsWritten() {
        Path a = wav("a/x.wav", 0.1);
        Path b = wav("b/x.wav", 0.1);
        Path out = dir.resolve("out");
        Cli r = Cli.run("resynth", "-t", "mulaw", a.toString(), b.toString(), "-o", out.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains(out.resolve("x.wav") + " from " + a + " and " + b), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void aPartlyFailingRunWritesTheGoodOutputsListsTheFailuresAndExitsOne() throws IOException {
        Path good1 = wav("corpus/good1.wav", 0.1);
        Path bad = Files.writeString(dir.resolve("corpus/bad.wav"), "RIFF but not really a WAV file");
        Path good2 = wav("corpus/sub/good2.wav", 0.1);
        Path out = dir.resolve("out");
        // What an earlier run over the folder left: an output of bad.wav (from content that was fine then), and
        // the temporary file of a write that was killed.
        Path staleOutput = Files.writeString(Files.createDirectories(out).resolve("bad.vtok"), "old tokens");
        Path killedWrite = Files.write(out.resolve(".good1.vtok.4242.tmp"), new byte[64]);

        Cli r = Cli.run("encode", "-t", "mulaw", dir.resolve("corpus").toString(), "-o", out.toString());
        assertEquals(1, r.code(), r.err());
        List<String> lines = r.err().lines().filter(l -> l.startsWith("voxtok: error:")).toList();
        assertEquals(2, lines.size(), r.err());
        assertTrue(lines.get(0).contains(bad.toString()) && lines.get(0).contains("removed its stale output "
                + staleOutput), lines.get(0));
        assertEquals("voxtok: error: 1 of 3 inputs failed (listed above); the other 2 succeeded", lines.get(1));
        assertFalse(r.err().contains("\tat "), "no stack trace without -v");
        assertEquals(800, TokenFile.read(out.resolve("good1.vtok")).tokens().frames());
        assertEquals(800, TokenFile.read(out.resolve("sub/good2.vtok")).tokens().frames());
        assertFalse(Files.exists(staleOutput), "no output looks valid for the input that failed");
        assertFalse(Files.exists(killedWrite), "the killed run's temporary file is cleaned at the start");
        assertEquals(List.of(out.resolve("good1.vtok"), out.resolve("sub"), out.resolve("sub/good2.vtok")), tree(out));
        assertTrue(Files.exists(good1) && Files.exists(good2));
    }

    @Test
    void decodeListsABrokenTokenFileAndDecodesTheOthers() throws IOException {
        wav("in/a.wav", 0.1);
        wav("in/b.wav", 0.1);
        Path tokens = dir.resolve("tok");
        assertEquals(0, Cli.run("encode", "-t", "mulaw", dir.resolve("in").toString(), "-o", tokens.toString()).code());
        Path broken = tokens.resolve("b.vtok");
        byte[] bytes = Files.readAllBytes(broken);
        Files.write(broken, java.util.Arrays.copyOf(bytes, bytes.length - 3));
        Path out = dir.resolve("wav");
        Cli r = Cli.run("decode", "-t", "mulaw", tokens.toString(), "-o", out.toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains(broken.toString()), r.err());
        assertTrue(r.err().contains("1 of 2 inputs failed"), r.err());
        assertEquals(800, AudioReader.read(out.resolve("a.wav")).frames());
        assertFalse(Files.exists(out.resolve("b.wav")));
    }

    private static List<Path> tree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> !p.equals(root)).sorted().toList();
        }
    }
}
