package io.voxtok.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.audio.WavWriter;
import io.voxtok.runtime.token.TokenFile;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Progress inside one long file (issue #16, item 4): SpeechTokenizer encodes a 130 s input in 17 windows, and
 * {@code encode} shows each window in the progress bar's one line format although the run has a single file
 * ({@code resynth} passes the same listener; the shared parity checkpoint keeps the test fast).
 */
class LongFileProgressCliTest {
    /** {@code [bar] 0/1 ELAPSED long.wav part K/17}. */
    private static final Pattern PART = Pattern.compile("\\[[= ]{30}] 0/1 +\\d+\\.\\ds long\\.wav part (\\d+)/17");

    @TempDir
    Path dir;

    private static Path fixture() {
        return Path.of(System.getProperty("voxtok.shared"), "fixtures", "parity", "speechtokenizer");
    }

    private Path longWav() {
        int n = 130 * 16_000;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            double t = i / 16_000.0;
            x[i] = (float) (0.3 * Math.sin(2 * Math.PI * (150 + 50 * Math.sin(t)) * t));
        }
        Path p = dir.resolve("long.wav");
        WavWriter.write(p, AudioBuffer.ofMono(x, 16_000));
        return p;
    }

    private static List<Integer> parts(String err) {
        return err.lines().map(PART::matcher).filter(java.util.regex.Matcher::matches)
                .map(m -> Integer.parseInt(m.group(1))).toList();
    }

    @Test
    void encodingOneLongFileShowsEveryWindow() {
        Path in = longWav();
        Path tokens = dir.resolve("long.vtok");
        Cli e = Cli.run("encode", "-t", "speechtokenizer", "-m", fixture().toString(), "--n-q", "1", in.toString(),
                "-o", tokens.toString());
        assertEquals(0, e.code(), e.err());
        assertEquals(6500, TokenFile.read(tokens).tokens().frames());
        List<Integer> encoded = parts(e.err());
        assertEquals(17, encoded.size(), e.err());
        assertEquals(java.util.stream.IntStream.rangeClosed(1, 17).boxed().toList(), encoded);
    }
}
