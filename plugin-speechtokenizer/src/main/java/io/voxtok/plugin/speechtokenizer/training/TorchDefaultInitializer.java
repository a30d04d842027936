package io.voxtok.plugin.speechtokenizer.training;

import io.voxtok.nn.ParameterLoader;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * PyTorch's default initialisation of a freshly built SpeechTokenizer, for training from scratch:
 * convolution and linear weights {@code kaiming_uniform(a = sqrt 5)}, i.e. {@code U(+-1/sqrt(fan_in))}, biases
 * {@code U(+-1/sqrt(fan_in))} with the fan-in of their layer's weight (for transposed convolutions torch takes
 * {@code out * k} from the {@code [in, out, k]} weight), LSTM tensors {@code U(+-1/sqrt(hidden))}, Snake
 * {@code alpha = 1}, and weight norm wrapped afterwards ({@code weight_g = ||v||}, done by the loader).
 *
 * <p>Random numbers come from one {@link SplittableRandom} per key derived from the seed, not from torch's
 * generator (which nothing outside torch reproduces): same distributions, other draws. Deterministic for a seed.
 */
final class TorchDefaultInitializer implements ParameterLoader.Initializer {
    private final long seed;
    private final Map<String, Long> fanInByLayer = new HashMap<>();

    TorchDefaultInitializer(long seed) {
        this.seed = seed;
    }

    @Override
    public boolean weightNormParameters() {
        return true;
    }

    @Override
    public float[] values(String key, long[] shape) {
        int n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, Math.toIntExact(d));
        }
        float[] v = new float[n];
        if (key.endsWith("alpha")) {
            java.util.Arrays.fill(v, 1f);
            return v;
        }
        String layer = key.substring(0, key.lastIndexOf('.') + 1);
        String leaf = key.substring(layer.length());
        double bound;
        if (layer.endsWith("lstm.")) {
            long hidden = shape[0] / 4;
            bound = 1 / Math.sqrt(hidden);
        } else if (leaf.startsWith("bias")) {
            Long fanIn = fanInByLayer.get(layer);
            if (fanIn == null) {
                throw new IllegalStateException("bias " + key + " requested before its layer's weight");
            }
            bound = 1 / Math.sqrt(fanIn);
        } else {
            long receptive = 1;
            for (int i = 2; i < shape.length; i++) {
                receptive *= shape[i];
            }
            // conv/linear [out, in, k...]: fan_in = in * k; transposed conv [in, out, k]: torch still reads dim 1
            long fanIn = shape.length >= 2 ? shape[1] * receptive : shape[0];
            fanInByLayer.put(layer, fanIn);
            bound = 1 / Math.sqrt(fanIn);
        }
        SplittableRandom rnd = new SplittableRandom(SpeechTokenizerTrainer.mix(seed, key.hashCode()));
        for (int i = 0; i < n; i++) {
            v[i] = (float) ((rnd.nextDouble() * 2 - 1) * bound);
        }
        return v;
    }
}
