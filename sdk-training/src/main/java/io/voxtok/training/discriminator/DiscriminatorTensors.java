package io.voxtok.training.discriminator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.voxtok.api.VoxtokException;
import io.voxtok.modelio.StateDict;
import io.voxtok.modelio.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The tensors of a discriminator state dict, classified the way initialisers need them, and in-place assignment
 * of new values (state-dict loading included).
 */
final class DiscriminatorTensors {
    private DiscriminatorTensors() {
    }

    /** What a state-dict entry is. */
    enum Role {
        /** Convolution bias. */
        BIAS,
        /** Plain convolution weight. */
        WEIGHT,
        /** Weight norm magnitude {@code weight_g}. */
        WEIGHT_G,
        /** Weight norm direction {@code weight_v}. */
        WEIGHT_V,
        /** Spectral norm's unnormalised weight {@code weight_orig}. */
        WEIGHT_ORIG,
        /** Spectral norm's left power-iteration vector {@code weight_u} (buffer). */
        SN_U,
        /** Spectral norm's right power-iteration vector {@code weight_v} (buffer). */
        SN_V,
        /** The STFT's Hann window (buffer). */
        WINDOW
    }

    /**
     * One state-dict entry.
     *
     * @param key    full official key
     * @param prefix the key of its module, with the trailing dot
     * @param shape  its shape
     * @param role   what it is
     * @param fanIn  {@code weight.shape[1] * prod(weight.shape[2:])} of its convolution (0 for the window)
     */
    record Spec(String key, String prefix, long[] shape, Role role, long fanIn) {
        /** Number of values. */
        int numel() {
            return Math.toIntExact(Arrays.stream(shape).reduce(1, (a, b) -> a * b));
        }
    }

    /**
     * Classifies every entry of a discriminator state dict (in its order), as the fixture's rule does: a module
     * with {@code weight_orig} is spectral-normed, one with {@code weight_g} weight-normed.
     */
    static List<Spec> describe(Map<String, NDArray> stateDict) {
        List<Spec> out = new ArrayList<>(stateDict.size());
        for (Map.Entry<String, NDArray> e : stateDict.entrySet()) {
            String key = e.getKey();
            int dot = key.lastIndexOf('.');
            String prefix = key.substring(0, dot + 1);
            String leaf = key.substring(dot + 1);
            long[] shape = e.getValue().getShape().getShape();
            if (leaf.equals("window")) {
                out.add(new Spec(key, prefix, shape, Role.WINDOW, 0));
                continue;
            }
            boolean spectral = stateDict.containsKey(prefix + "weight_orig");
            boolean weightNorm = stateDict.containsKey(prefix + "weight_g");
            NDArray weight = stateDict.get(prefix + (spectral ? "weight_orig" : weightNorm ? "weight_v" : "weight"));
            if (weight == null) {
                throw new IllegalStateException("no weight next to " + key);
            }
            long[] w = weight.getShape().getShape();
            long fanIn = 1;
            for (int i = 1; i < w.length; i++) {
                fanIn *= w[i];
            }
            Role role = switch (leaf) {
                case "bias" -> Role.BIAS;
                case "weight" -> Role.WEIGHT;
                case "weight_g" -> Role.WEIGHT_G;
                case "weight_orig" -> Role.WEIGHT_ORIG;
                case "weight_u" -> Role.SN_U;
                case "weight_v" -> spectral ? Role.SN_V : Role.WEIGHT_V;
                default -> throw new IllegalStateException("unknown discriminator tensor " + key);
            };
            out.add(new Spec(key, prefix, shape, role, fanIn));
        }
        return out;
    }

    /**
     * Replaces the values of {@code target} in place (same Java object, so parameters and state-dict views stay
     * valid), keeping whether it requires gradients.
     */
    static void assign(NDArray target, float[] values) {
        if (values.length != target.size()) {
            throw new IllegalArgumentException(target.getName() + ": " + values.length + " values for shape "
                    + target.getShape());
        }
        NDArray fresh;
        // an array created from Java data may borrow a direct buffer that only that Java object keeps alive;
        // interning needs natively owned memory, hence the copy
        try (NDArray staged = target.getManager().create(values, new Shape(target.getShape().getShape()))) {
            fresh = staged.duplicate();
        }
        if (target.hasGradient()) {
            fresh.setRequiresGradient(true);
        }
        target.intern(fresh);
    }

    /**
     * Loads an official-key state dict into a family; checks everything first, so a mismatching checkpoint
     * changes nothing.
     *
     * @throws VoxtokException (USER_INPUT) listing every missing, unexpected and mis-shaped key
     */
    static void load(DiscriminatorFamily family, StateDict stateDict) {
        Map<String, NDArray> own = family.stateDict();
        TreeSet<String> missing = new TreeSet<>();
        List<String> wrongShape = new ArrayList<>();
        Map<String, Tensor> found = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : own.entrySet()) {
            Tensor t = stateDict.find(e.getKey()).orElse(null);
            long[] expected = e.getValue().getShape().getShape();
            if (t == null) {
                missing.add(e.getKey());
            } else if (!Arrays.equals(t.shape(), expected)) {
                wrongShape.add(e.getKey() + " is " + Arrays.toString(t.shape()) + ", expected "
                        + Arrays.toString(expected));
            } else {
                found.put(e.getKey(), t);
            }
        }
        TreeSet<String> unexpected = new TreeSet<>(stateDict.keys());
        unexpected.removeAll(own.keySet());
        if (!missing.isEmpty() || !wrongShape.isEmpty() || !unexpected.isEmpty()) {
            StringBuilder msg = new StringBuilder("state dict ")
                    .append(stateDict.source() == null ? "(in memory)" : stateDict.source().toString())
                    .append(" does not match the ").append(family.family()).append(" discriminator:");
            if (!missing.isEmpty()) {
                msg.append("\n  missing ").append(missing.size()).append(": ").append(String.join(", ", missing));
            }
            if (!wrongShape.isEmpty()) {
                msg.append("\n  wrong shape ").append(wrongShape.size()).append(": ")
                        .append(String.join(", ", wrongShape));
            }
            if (!unexpected.isEmpty()) {
                msg.append("\n  unexpected ").append(unexpected.size()).append(": ")
                        .append(String.join(", ", unexpected));
            }
            throw VoxtokException.userInput(msg.toString());
        }
        for (Map.Entry<String, NDArray> e : own.entrySet()) {
            assign(e.getValue(), found.get(e.getKey()).toFloatArray());
        }
    }
}
