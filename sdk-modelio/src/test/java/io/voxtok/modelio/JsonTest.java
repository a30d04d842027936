package io.voxtok.modelio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared strict JSON reader: values as RFC 8259 defines them, errors naming source, line and column. */
class JsonTest {
    @TempDir
    Path dir;

    @Test
    void parsesValues() {
        Object v = Json.parse("\uFEFF {\"a\": [1, -2.5e3, true, false, null, 0, -0.0, 1E+2], \"b\\u00e9\\n\": {\"c\": \"x\\\"y\\/\"},"
                + " \"big\": 123456789012345678901234567890} ", "t.json");
        Map<?, ?> m = (Map<?, ?>) v;
        assertEquals(List.of("a", "b\u00e9\n", "big"), List.copyOf(m.keySet()), "key order kept");
        assertEquals(Arrays.asList(1L, -2500.0, true, false, null, 0L, -0.0, 100.0), m.get("a"));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits((Double) ((List<?>) m.get("a")).get(6)));
        assertEquals(Map.of("c", "x\"y/"), m.get("b\u00e9\n"));
        assertEquals(new BigInteger("123456789012345678901234567890"), m.get("big"));
        assertEquals(Long.MIN_VALUE, Json.parse("-9223372036854775808", "min"));
        assertEquals(0.1, Json.parse("0.1", "tenth"), "nearest double, as Double.parseDouble");
        assertThrows(UnsupportedOperationException.class, () -> ((Map<String, Object>) Json.parseObject("{}", "x"))
                .put("k", 1), "parsed maps are read-only");
    }

    @Test
    void quoteRoundTrips() {
        for (String s : new String[] {"b\u00e9\n", "x\"y", "a\\b", "\t\r\u0001", ""}) {
            assertEquals(s, Json.parse(Json.quote(s), "quoted"));
        }
        assertEquals("\"\\u0001\"", Json.quote("\u0001"));
    }

    @Test
    void rejectsInvalidJson() {
        for (String bad : new String[] {"{", "{\"a\":1,}", "[1 2]", "[1,]", "{\"a\":1}x", "{\"a\":1,\"a\":2}",
                "\"\\q\"", "tru", "", "01", "1.", "-", ".5", "1e", "NaN", "1e400", "-Infinity", "{a:1}", "\"a\nb\"", "\"\\u12g4\"",
                "'x'", "[" .repeat(Json.MAX_DEPTH + 2)}) {
            VoxtokException e = assertThrows(VoxtokException.class, () -> Json.parse(bad, "in.json"), bad);
            assertEquals(ErrorKind.USER_INPUT, e.kind());
            assertTrue(e.getMessage().startsWith("in.json is not valid JSON (line 1, column "), e.getMessage());
        }
    }

    @Test
    void errorsNameLineAndColumn() {
        VoxtokException e = assertThrows(VoxtokException.class,
                () -> Json.parse("{\n  \"a\": [1, 2,]\n}", "bad.json"));
        assertEquals("bad.json is not valid JSON (line 2, column 14): unexpected character ']'", e.getMessage());
        VoxtokException dup = assertThrows(VoxtokException.class,
                () -> Json.parse("{\"a\": 1,\n \"a\": 2}", "dup.json"));
        assertEquals("dup.json is not valid JSON (line 2, column 2): duplicate key \"a\"", dup.getMessage());
    }

    @Test
    void readsFilesAndRequiresObjects() throws IOException {
        Path f = Files.writeString(dir.resolve("c.json"), "{\"n\": 3}");
        assertEquals(Map.of("n", 3L), Json.readObject(f));
        Path arr = Files.writeString(dir.resolve("a.json"), "[1]");
        VoxtokException notObject = assertThrows(VoxtokException.class, () -> Json.readObject(arr));
        assertEquals(arr + " is not a JSON object (its top level is an array)", notObject.getMessage());
        VoxtokException missing = assertThrows(VoxtokException.class, () -> Json.read(dir.resolve("none.json")));
        assertEquals(ErrorKind.USER_INPUT, missing.kind());
        assertTrue(missing.getMessage().contains("none.json") && missing.getMessage().contains("no such file"),
                missing.getMessage());
    }

    @Test
    void writtenJsonParsesBackToTheSameValues() {
        Map<String, Object> in = new java.util.LinkedHashMap<>();
        in.put("s", "a \"quoted\"\n\u0001 text");
        in.put("lr", 9.938441702975689e-05);
        in.put("n", 7L);
        in.put("flag", true);
        in.put("none", null);
        in.put("list", List.of(1, 2.5, "x"));
        in.put("arr", new double[] {0.1, 1e-300});
        in.put("nested", Map.of("k", List.of()));
        Map<String, Object> back = Json.parseObject(Json.write(in), "test");
        assertEquals(List.copyOf(in.keySet()), List.copyOf(back.keySet()), "key order kept");
        assertEquals("a \"quoted\"\n\u0001 text", back.get("s"));
        assertEquals(9.938441702975689e-05, ((Number) back.get("lr")).doubleValue(), 0.0, "doubles round-trip exactly");
        assertEquals(7L, ((Number) back.get("n")).longValue());
        assertEquals(true, back.get("flag"));
        assertTrue(back.containsKey("none") && back.get("none") == null);
        assertEquals(1e-300, ((Number) ((List<?>) back.get("arr")).get(1)).doubleValue(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> Json.write(Map.of("bad", Double.NaN)));
        assertThrows(IllegalArgumentException.class, () -> Json.write(Map.of("bad", new Object())));
    }
}
