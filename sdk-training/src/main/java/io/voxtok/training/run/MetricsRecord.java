package io.voxtok.training.run;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One line of a {@link MetricsLog}.
 *
 * @param step     training step
 * @param wallTime seconds since the Unix epoch when the line was written
 * @param values   the named values in written order: {@link Long}, {@link Double}, {@link String}, {@link Boolean}
 *                 or a {@link List} of numbers; non-finite numbers read back as {@link Double} NaN/infinities
 */
public record MetricsRecord(long step, double wallTime, Map<String, Object> values) {
    /** Copies. */
    public MetricsRecord {
        Objects.requireNonNull(values);
        values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
    }

    /** The number named {@code name}, if this line has one (NaN and infinities included). */
    public OptionalDouble scalar(String name) {
        Object v = values.get(name);
        return v instanceof Number n ? OptionalDouble.of(n.doubleValue()) : OptionalDouble.empty();
    }

    /** The array named {@code name} as doubles, or {@code null} when this line has no such array. */
    public double[] array(String name) {
        if (!(values.get(name) instanceof List<?> list)) {
            return null;
        }
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i) instanceof Number n ? n.doubleValue() : Double.NaN;
        }
        return out;
    }
}
