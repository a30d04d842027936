package io.voxtok.api.bench;

import java.util.Map;
import java.util.Objects;

/**
 * One measured value with its unit, direction and the exact definition used (name, version, parameters),
 * so reports stay comparable. Immutable.
 *
 * @param name       metric name, e.g. {@code si_sdr}
 * @param value      the value
 * @param unit       unit, e.g. {@code dB}, {@code %}, {@code bits}
 * @param higherIsBetter direction
 * @param version    version of the metric's definition in this SDK
 * @param parameters parameters that change the number (copied)
 */
public record Metric(String name, double value, String unit, boolean higherIsBetter, String version,
                     Map<String, String> parameters) {
    /** Validates and copies. */
    public Metric {
        Objects.requireNonNull(name);
        Objects.requireNonNull(unit);
        Objects.requireNonNull(version);
        parameters = Map.copyOf(parameters);
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException("metric " + name + " is NaN");
        }
    }
}
