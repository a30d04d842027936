package io.voxtok.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.audio.WavWriter;
import io.voxtok.runtime.token.TokenFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two writers of one output (issue #16: both exited 0 and one result was silently lost): {@code voxtok encode} into
 * a file another process is writing fails with one line naming the file and exit 1, and leaves that process's
 * output alone; once that writer is gone the same command writes the file.
 */
class ConcurrentOutputCliTest {
    @TempDir
    Path dir;

    @Test
    void encodingIntoAFileAnotherProcessWritesFailsAndKeepsItsOutput() throws Exception {
        float[] x = new float[800];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.3 * Math.sin(2 * Math.PI * 300 * i / 8000.0));
        }
        Path in = dir.resolve("x.wav");
        WavWriter.write(in, AudioBuffer.ofMono(x, 8000));
        Path out = dir.resolve("x.vtok");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process other = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                HoldingWriter.class.getName(), out.toString()).redirectErrorStream(true).start();
        try {
            awaitWriting(other);
            Cli r = Cli.run("encode", "-t", "mulaw", in.toString(), "-o", out.toString());
            assertEquals(1, r.code(), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().contains(out + ": cannot write: another process is writing it at the same time"),
                    r.err());
            other.destroyForcibly();
            assertTrue(other.waitFor(30, TimeUnit.SECONDS));
            assertFalse(Files.exists(out), "the killed writer never finished, and the refused run wrote nothing");
            Cli again = Cli.run("encode", "-t", "mulaw", in.toString(), "-o", out.toString());
            assertEquals(0, again.code(), again.err());
            assertEquals(800, TokenFile.read(out).tokens().frames());
        } finally {
            other.destroyForcibly();
        }
    }

    private static void awaitWriting(Process child) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            if (line.equals("writing")) {
                return;
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("the other writer ended before writing:\n" + seen);
    }
}
