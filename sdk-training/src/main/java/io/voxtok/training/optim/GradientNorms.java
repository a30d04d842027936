package io.voxtok.training.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * L2 norms of accumulated gradients, for logging: per parameter and over all of them (the square root of the sum of
 * squares of the per-parameter norms). Computed in float64 from the float32 gradients, as the reference fixture logs
 * them ({@code p.grad.double().norm()}).
 *
 * @param perParameter norm per parameter name, in the given order
 * @param total        norm over all gradients
 */
public record GradientNorms(Map<String, Double> perParameter, double total) {
    /** Copies the map, keeping its order. */
    public GradientNorms {
        perParameter = Collections.unmodifiableMap(new LinkedHashMap<>(perParameter));
    }

    /** Norms of the gradients of {@code parameters}; parameters that do not require a gradient are left out. */
    public static GradientNorms of(Map<String, NDArray> parameters) {
        Map<String, Double> norms = new LinkedHashMap<>();
        double sumSq = 0;
        for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
            if (!e.getValue().hasGradient()) {
                continue;
            }
            try (NDArray g = e.getValue().getGradient();
                 NDArray g64 = g.toType(DataType.FLOAT64, true);
                 NDArray n = g64.norm()) {
                double v = n.getDouble();
                norms.put(e.getKey(), v);
                sumSq += v * v;
            }
        }
        return new GradientNorms(norms, Math.sqrt(sumSq));
    }
}
