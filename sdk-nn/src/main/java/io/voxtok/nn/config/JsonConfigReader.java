package io.voxtok.nn.config;

import io.voxtok.api.VoxtokException;
import io.voxtok.modelio.Json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON configuration files into {@link JsonConfig}s with the shared strict parser {@link Json}.
 *
 * <p>Values map to {@link String}, {@link BigDecimal} (every number), {@link Boolean}, {@code null},
 * {@link List} and {@link Map} (insertion ordered; a duplicate key is an error). Errors are
 * {@link VoxtokException}s naming the source and the line and column.
 */
public final class JsonConfigReader {
    private JsonConfigReader() {
    }

    /**
     * Reads a UTF-8 file whose top level is a JSON object.
     *
     * @throws VoxtokException if the file cannot be read or is not a JSON object
     */
    public static JsonConfig read(Path file) {
        return new JsonConfig(numbersAsDecimals(Json.readObject(file)), file.toString());
    }

    /**
     * Parses text whose top level is a JSON object.
     *
     * @param source name used in error messages (a file name)
     */
    public static JsonConfig parse(String text, String source) {
        return new JsonConfig(numbersAsDecimals(Json.parseObject(text, source)), source);
    }

    /** {@link JsonConfig} works on BigDecimal numbers: integer checks are then exact for every value. */
    private static Map<String, Object> numbersAsDecimals(Map<String, Object> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k, convert(v)));
        return Collections.unmodifiableMap(out);
    }

    private static Object convert(Object v) {
        if (v instanceof Long l) {
            return BigDecimal.valueOf(l);
        }
        if (v instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        if (v instanceof Double d) {
            return BigDecimal.valueOf(d); // the shortest decimal that reads back as d
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(x -> out.add(convert(x)));
            return Collections.unmodifiableList(out);
        }
        if (v instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) map;
            return numbersAsDecimals(m);
        }
        return v;
    }
}
