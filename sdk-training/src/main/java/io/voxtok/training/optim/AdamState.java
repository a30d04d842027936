package io.voxtok.training.optim;

import io.voxtok.modelio.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * A snapshot of {@link Adam}'s per-parameter state, keyed by parameter name, for checkpoints: the moments as float32
 * {@link Tensor}s and the step counts. A parameter that has never been stepped has no entry (as in torch, whose state
 * is created lazily). Importing a snapshot continues bit-exactly.
 *
 * @param expAvg   first moments ({@code exp_avg})
 * @param expAvgSq second moments ({@code exp_avg_sq})
 * @param steps    number of updates applied to each parameter ({@code step})
 */
public record AdamState(Map<String, Tensor> expAvg, Map<String, Tensor> expAvgSq, Map<String, Long> steps) {
    /** Copies the maps and checks that they describe the same parameters. */
    public AdamState {
        expAvg = Map.copyOf(expAvg);
        expAvgSq = Map.copyOf(expAvgSq);
        steps = Map.copyOf(steps);
        if (!expAvg.keySet().equals(expAvgSq.keySet()) || !expAvg.keySet().equals(steps.keySet())) {
            throw new IllegalArgumentException("exp_avg, exp_avg_sq and step must name the same parameters");
        }
    }

    /**
     * Flat tensors for a checkpoint file: {@code <name>.exp_avg}, {@code <name>.exp_avg_sq} and {@code <name>.step}
     * (int64 scalar), names sorted.
     */
    public Map<String, Tensor> toTensors() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (String name : new TreeSet<>(steps.keySet())) {
            out.put(name + ".exp_avg", expAvg.get(name));
            out.put(name + ".exp_avg_sq", expAvgSq.get(name));
            out.put(name + ".step", Tensor.ofLongs(new long[] {steps.get(name)}));
        }
        return out;
    }

    /** The inverse of {@link #toTensors()}. */
    public static AdamState fromTensors(Map<String, Tensor> tensors) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        Map<String, Tensor> v = new LinkedHashMap<>();
        Map<String, Long> s = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            String key = e.getKey();
            if (key.endsWith(".exp_avg_sq")) {
                v.put(key.substring(0, key.length() - ".exp_avg_sq".length()), e.getValue());
            } else if (key.endsWith(".exp_avg")) {
                m.put(key.substring(0, key.length() - ".exp_avg".length()), e.getValue());
            } else if (key.endsWith(".step")) {
                long[] step = e.getValue().toLongArray();
                if (step.length != 1) {
                    throw new IllegalArgumentException(key + " must hold one step count");
                }
                s.put(key.substring(0, key.length() - ".step".length()), step[0]);
            } else {
                throw new IllegalArgumentException("not an Adam state entry: " + key);
            }
        }
        return new AdamState(m, v, s);
    }
}
