package io.voxtok.training.discriminator;

import ai.djl.ndarray.NDArray;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The initial weights a new PyTorch training run would have, drawn from a Java seed:
 * {@code Conv} defaults (kaiming-uniform with {@code a = sqrt(5)}, i.e. weights and biases
 * {@code U(-1/sqrt(fan_in), 1/sqrt(fan_in))}), then the wrappers' own initialisation: {@code weight_norm} sets
 * {@code weight_g = ||weight_v||} per output channel (so the effective weight starts equal to {@code weight_v}),
 * {@code spectral_norm} draws {@code weight_u, weight_v} from {@code N(0, 1)} and normalises them.
 *
 * <p>Each tensor has its own SplitMix64 stream keyed by (seed, family, key), so values do not depend on the
 * order of construction. Uniforms are multiples of 2^-24 in (-1, 1) (PyTorch's float32 uniforms have the same
 * resolution); normals use Box-Muller.
 */
final class PytorchDefaultInit {
    private PytorchDefaultInit() {
    }

    /** Fills every tensor of {@code family}; windows stay as constructed. */
    static void apply(DiscriminatorFamily family, long seed) {
        Map<String, NDArray> stateDict = family.stateDict();
        // a module's weight_g needs its weight_v: handle one module at a time
        Map<String, List<DiscriminatorTensors.Spec>> modules = new LinkedHashMap<>();
        for (DiscriminatorTensors.Spec s : DiscriminatorTensors.describe(stateDict)) {
            modules.computeIfAbsent(s.prefix(), k -> new ArrayList<>()).add(s);
        }
        String stream = "pytorch-default." + family.family() + ".";
        for (List<DiscriminatorTensors.Spec> module : modules.values()) {
            float[] direction = null;
            for (DiscriminatorTensors.Spec s : module) {
                if (s.role() == DiscriminatorTensors.Role.WEIGHT_V) {
                    direction = uniform(seed, stream + s.key(), s.numel(), s.fanIn());
                    DiscriminatorTensors.assign(stateDict.get(s.key()), direction);
                }
            }
            for (DiscriminatorTensors.Spec s : module) {
                float[] v = switch (s.role()) {
                    case WEIGHT, WEIGHT_ORIG, BIAS -> uniform(seed, stream + s.key(), s.numel(), s.fanIn());
                    case WEIGHT_G -> rowNorms(direction, s.numel());
                    case SN_U, SN_V -> normalize(normal(seed, stream + s.key(), s.numel()));
                    case WEIGHT_V, WINDOW -> null;
                };
                if (v != null) {
                    DiscriminatorTensors.assign(stateDict.get(s.key()), v);
                }
            }
        }
    }

    /** {@code U(-1/sqrt(fan_in), 1/sqrt(fan_in))}: kaiming-uniform with {@code a = sqrt(5)}, and the bias rule. */
    private static float[] uniform(long seed, String name, int numel, long fanIn) {
        float bound = (float) (1.0 / Math.sqrt(fanIn));
        float[] u = ClosedFormWeights.uniform(seed, name, numel);
        for (int i = 0; i < numel; i++) {
            u[i] *= bound;
        }
        return u;
    }

    /** Euclidean norm of each of {@code rows} equal slices of {@code v}. */
    private static float[] rowNorms(float[] v, int rows) {
        if (v == null) {
            throw new IllegalStateException("weight_g without weight_v");
        }
        int cols = v.length / rows;
        float[] out = new float[rows];
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int c = 0; c < cols; c++) {
                double x = v[r * cols + c];
                sum += x * x;
            }
            out[r] = (float) Math.sqrt(sum);
        }
        return out;
    }

    /** Standard normals by Box-Muller from the key's uniforms. */
    private static float[] normal(long seed, String name, int numel) {
        float[] u = ClosedFormWeights.uniform(seed, name, 2 * numel);
        float[] out = new float[numel];
        for (int i = 0; i < numel; i++) {
            double p = (u[2 * i] + 1.0) / 2; // in (0, 1): u is never -1
            double q = (u[2 * i + 1] + 1.0) / 2;
            out[i] = (float) (Math.sqrt(-2 * Math.log(p)) * Math.cos(2 * Math.PI * q));
        }
        return out;
    }

    /** {@code x / max(||x||, 1e-12)} as {@code torch.nn.functional.normalize}. */
    private static float[] normalize(float[] x) {
        double sum = 0;
        for (float f : x) {
            sum += (double) f * f;
        }
        double norm = Math.max(Math.sqrt(sum), SpectralNorm.EPS);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (x[i] / norm);
        }
        return x;
    }
}
