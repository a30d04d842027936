package io.voxtok.plugin.slmtokbench.alignment;

import io.voxtok.nn.ParameterLoader;
import io.voxtok.nn.recurrent.LstmInitializer;
import java.util.SplittableRandom;

/**
 * PyTorch's default initialisation of the probe's modules, drawn from a Java seed: embeddings {@code N(0, 1)}
 * ({@code nn.Embedding}), the LSTM {@code U(-1/sqrt(H), 1/sqrt(H))} ({@code nn.LSTM}, via {@link LstmInitializer}),
 * the output layer's weight and bias {@code U(-1/sqrt(in), 1/sqrt(in))} ({@code nn.Linear}). Each tensor has its own
 * generator keyed by seed and name, so values do not depend on creation order.
 */
final class ProbeInitializer implements ParameterLoader.Initializer {
    private final long seed;
    private final LstmInitializer lstm;
    private final int projectionFanIn;

    ProbeInitializer(long seed, int hiddenSize, int projectionFanIn) {
        this.seed = seed;
        this.lstm = new LstmInitializer(hiddenSize, seed);
        this.projectionFanIn = projectionFanIn;
    }

    @Override
    public float[] values(String key, long[] shape) {
        if (key.startsWith("lstm.")) {
            return lstm.values(key, shape);
        }
        int n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, Math.toIntExact(d));
        }
        SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + key.hashCode());
        float[] v = new float[n];
        if (key.startsWith("embed.")) {
            for (int i = 0; i < n; i++) {
                v[i] = (float) rnd.nextGaussian();
            }
        } else {
            double bound = 1 / Math.sqrt(projectionFanIn);
            for (int i = 0; i < n; i++) {
                v[i] = (float) ((rnd.nextDouble() * 2 - 1) * bound);
            }
        }
        return v;
    }
}
