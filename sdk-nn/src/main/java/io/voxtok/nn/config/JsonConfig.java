package io.voxtok.nn.config;

import io.voxtok.api.VoxtokException;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed JSON configuration object with typed accessors. Every accessor failure is a
 * {@link VoxtokException} naming the source file and the field. Immutable.
 */
public final class JsonConfig {
    private final Map<String, Object> values;
    private final Set<String> nullKeys;
    private final String source;

    /**
     * @param values parsed values ({@link JsonConfigReader} types; {@code null} values allowed)
     * @param source file name for error messages
     */
    public JsonConfig(Map<String, Object> values, String source) {
        Map<String, Object> nonNull = new HashMap<>();
        Set<String> nulls = new HashSet<>();
        values.forEach((k, v) -> {
            if (v == null) {
                nulls.add(k);
            } else {
                nonNull.put(k, v);
            }
        });
        this.values = Map.copyOf(nonNull);
        this.nullKeys = Set.copyOf(nulls);
        this.source = source;
    }

    /** The source name. */
    public String source() {
        return source;
    }

    /** Whether the field is present (also when its value is {@code null}). */
    public boolean has(String field) {
        return values.containsKey(field) || nullKeys.contains(field);
    }

    /** Whether the field is present with a non-null value. */
    public boolean hasValue(String field) {
        return values.containsKey(field);
    }

    /** A required integer field. */
    public int requireInt(String field) {
        return toInt(field, require(field));
    }

    /** An optional integer field. */
    public Optional<Integer> optInt(String field) {
        return Optional.ofNullable(values.get(field)).map(v -> toInt(field, v));
    }

    /** A required number field as double. */
    public double requireDouble(String field) {
        Object v = require(field);
        if (v instanceof BigDecimal b) {
            return b.doubleValue();
        }
        throw wrongType(field, "a number", v);
    }

    /** A required boolean field. */
    public boolean requireBoolean(String field) {
        Object v = require(field);
        if (v instanceof Boolean b) {
            return b;
        }
        throw wrongType(field, "true or false", v);
    }

    /** An optional boolean field. */
    public Optional<Boolean> optBoolean(String field) {
        Object v = values.get(field);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Boolean b) {
            return Optional.of(b);
        }
        throw wrongType(field, "true or false", v);
    }

    /** A required string field. */
    public String requireString(String field) {
        Object v = require(field);
        if (v instanceof String s) {
            return s;
        }
        throw wrongType(field, "a string", v);
    }

    /** An optional string field. */
    public Optional<String> optString(String field) {
        Object v = values.get(field);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof String s) {
            return Optional.of(s);
        }
        throw wrongType(field, "a string", v);
    }

    /** A required array of integers. */
    public int[] requireIntArray(String field) {
        Object v = require(field);
        if (!(v instanceof List<?> list)) {
            throw wrongType(field, "an array of integers", v);
        }
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = toInt(field + "[" + i + "]", list.get(i));
        }
        return out;
    }

    /** The raw value ({@link JsonConfigReader} types), empty when absent or {@code null}. */
    public Optional<Object> raw(String field) {
        return Optional.ofNullable(values.get(field));
    }

    private Object require(String field) {
        Object v = values.get(field);
        if (v == null) {
            throw VoxtokException.userInput("config " + source + ": field \"" + field + "\" is "
                    + (nullKeys.contains(field) ? "null" : "missing"));
        }
        return v;
    }

    private int toInt(String field, Object v) {
        if (v instanceof BigDecimal b) {
            try {
                return b.intValueExact();
            } catch (ArithmeticException e) {
                // not an integer or out of range: reported below
            }
        }
        throw wrongType(field, "an integer", v);
    }

    private VoxtokException wrongType(String field, String expected, Object v) {
        return VoxtokException.userInput("config " + source + ": field \"" + field + "\" must be " + expected
                + ", got " + (v instanceof String ? "\"" + v + "\"" : String.valueOf(v)));
    }
}
