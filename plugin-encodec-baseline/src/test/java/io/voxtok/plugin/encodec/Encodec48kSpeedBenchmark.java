package io.voxtok.plugin.encodec;

import io.voxtok.testkit.TestComponentContext;
import io.voxtok.api.ComponentConfig;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.token.TokenMatrix;
import io.voxtok.api.token.Tokenizer;
import io.voxtok.api.token.TokenizerOptions;

import java.util.Arrays;

/**
 * Speed of the official-size 48 kHz model with random weights on 10 s of stereo audio at 6 kbps (4 codebooks),
 * through the {@code encodec:48khz} tokenizer (11 segments, overlap-add included). No official number exists to
 * compare with. Not a test (no timed assertions): run its {@code main} with the test class path; set
 * {@code OMP_NUM_THREADS=2} for 2 threads. Prints the median of 5 runs after 2 warm-ups.
 */
public final class Encodec48kSpeedBenchmark {
    private Encodec48kSpeedBenchmark() {
    }

    /** Runs the benchmark. */
    public static void main(String[] args) {
        ComponentConfig cfg = ComponentConfig.empty().with(TokenizerOptions.RANDOM_INIT, "true")
                .with(TokenizerOptions.CONFIG_FILE, "encodec_48khz").with("bandwidth", "6");
        int n = 10 * 48000;
        float[][] x = new float[2][n];
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(1);
        for (int ch = 0; ch < 2; ch++) {
            for (int i = 0; i < n; i++) {
                x[ch][i] = (float) (0.3 * Math.sin(i * (0.05 + 0.01 * ch)) + 0.05 * (rnd.nextDouble() - 0.5));
            }
        }
        AudioBuffer audio = AudioBuffer.ofPlanar(x, 48000);
        try (Tokenizer t = new EncodecTokenizerFactory().create(cfg, new TestComponentContext())) {
            double[] enc = new double[7];
            double[] dec = new double[7];
            TokenMatrix tokens = null;
            int samples = 0;
            for (int r = 0; r < enc.length; r++) {
                long t0 = System.nanoTime();
                tokens = t.encode(audio);
                long t1 = System.nanoTime();
                samples = t.decode(tokens).frames();
                long t2 = System.nanoTime();
                enc[r] = (t1 - t0) / 1e9;
                dec[r] = (t2 - t1) / 1e9;
            }
            double[] e = Arrays.copyOfRange(enc, 2, enc.length);
            double[] d = Arrays.copyOfRange(dec, 2, dec.length);
            Arrays.sort(e);
            Arrays.sort(d);
            System.out.printf("%s: %d frames x %d layers, decoded %d samples%n", t.spec(), tokens.frames(),
                    tokens.layers(), samples);
            System.out.printf("encode 10 s stereo @ 6 kbps: median %.3f s  runs %s%n", e[2], Arrays.toString(e));
            System.out.printf("decode 10 s stereo @ 6 kbps: median %.3f s  runs %s%n", d[2], Arrays.toString(d));
        }
    }
}
