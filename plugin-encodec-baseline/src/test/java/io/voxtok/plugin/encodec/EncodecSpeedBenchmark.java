package io.voxtok.plugin.encodec;

import ai.djl.Device;
import io.voxtok.plugin.encodec.model.EncodecConfig;
import io.voxtok.plugin.encodec.model.EncodecModel;

import java.util.Arrays;
import java.util.List;

/**
 * Speed of the official-size 24 kHz model with random weights on 10 s of audio at 6 kbps (SPEC 9.3: the official
 * code takes 0.72 s to encode and 0.83 s to decode on 2 threads). Not a test (no timed assertions): run its
 * {@code main} with the test class path; set {@code OMP_NUM_THREADS=2} for 2 threads. Prints the median of 5 runs
 * after 2 warm-ups.
 */
public final class EncodecSpeedBenchmark {
    private EncodecSpeedBenchmark() {
    }

    /** Runs the benchmark. */
    public static void main(String[] args) {
        EncodecConfig c = EncodecConfig.encodec24khz();
        int layers = c.codebooksFor(6.0);
        float[] x = new float[10 * c.sampleRate()];
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(1);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.3 * Math.sin(i * 0.05) + 0.05 * (rnd.nextDouble() - 0.5));
        }
        try (EncodecModel model = EncodecModel.random(c, 0, Device.cpu())) {
            List<float[][]> in = List.<float[][]>of(new float[][] {x});
            int[][][] codes = model.encodeItems(in, 0, layers);
            double[] enc = new double[7];
            double[] dec = new double[7];
            for (int r = 0; r < enc.length; r++) {
                long t0 = System.nanoTime();
                codes = model.encodeItems(in, 0, layers);
                long t1 = System.nanoTime();
                model.decodeItems(List.<int[][]>of(codes[0]), 0);
                long t2 = System.nanoTime();
                enc[r] = (t1 - t0) / 1e9;
                dec[r] = (t2 - t1) / 1e9;
            }
            double[] e = Arrays.copyOfRange(enc, 2, enc.length);
            double[] d = Arrays.copyOfRange(dec, 2, dec.length);
            Arrays.sort(e);
            Arrays.sort(d);
            System.out.printf("encode 10 s @ 6 kbps: median %.3f s  runs %s%n", e[2], Arrays.toString(e));
            System.out.printf("decode 10 s @ 6 kbps: median %.3f s  runs %s%n", d[2], Arrays.toString(d));
        }
    }
}
