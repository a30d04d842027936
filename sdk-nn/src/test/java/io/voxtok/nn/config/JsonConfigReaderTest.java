package io.voxtok.nn.config;

import io.voxtok.api.VoxtokException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonConfigReaderTest {

    @Test
    void parsesAllValueKinds() {
        JsonConfig c = JsonConfigReader.parse("""
                {"n": 8, "f": 1e-4, "neg": -2.5, "s": "a\\"b\\u00e9\\n", "t": true, "z": null,
                 "arr": [8, 5, 4, 2], "nested": {"x": [1, [2]]}, "whole": 16000.0}
                """, "test.json");
        assertEquals(8, c.requireInt("n"));
        assertEquals(1e-4, c.requireDouble("f"));
        assertEquals(-2.5, c.requireDouble("neg"));
        assertEquals("a\"b\u00e9\n", c.requireString("s"));
        assertTrue(c.requireBoolean("t"));
        assertTrue(c.has("z"));
        assertFalse(c.hasValue("z"));
        assertArrayEquals(new int[] {8, 5, 4, 2}, c.requireIntArray("arr"));
        assertEquals(16000, c.requireInt("whole"));
        @SuppressWarnings("unchecked")
        Map<String, Object> nested = (Map<String, Object>) c.raw("nested").orElseThrow();
        assertEquals(List.of(BigDecimal.ONE, List.of(new BigDecimal(2))), nested.get("x"));
    }

    @Test
    void errorsNameTheFieldAndPosition() {
        JsonConfig c = JsonConfigReader.parse("{\"a\": 1.5, \"b\": \"x\", \"z\": null}", "cfg.json");
        VoxtokException e = assertThrows(VoxtokException.class, () -> c.requireInt("a"));
        assertTrue(e.getMessage().contains("\"a\"") && e.getMessage().contains("cfg.json"), e.getMessage());
        assertTrue(assertThrows(VoxtokException.class, () -> c.requireInt("missing")).getMessage().contains("missing"));
        assertTrue(assertThrows(VoxtokException.class, () -> c.requireInt("z")).getMessage().contains("null"));
        assertThrows(VoxtokException.class, () -> c.requireBoolean("b"));
        VoxtokException syntax = assertThrows(VoxtokException.class,
                () -> JsonConfigReader.parse("{\n  \"a\": [1, 2,]\n}", "bad.json"));
        assertTrue(syntax.getMessage().contains("bad.json") && syntax.getMessage().contains("line 2"),
                syntax.getMessage());
        assertThrows(VoxtokException.class, () -> JsonConfigReader.parse("{\"a\": 1, \"a\": 2}", "dup.json"));
        assertThrows(VoxtokException.class, () -> JsonConfigReader.parse("{\"a\": 01}", "num.json"));
        assertThrows(VoxtokException.class, () -> JsonConfigReader.parse("[1]", "arr.json"));
        assertThrows(VoxtokException.class, () -> JsonConfigReader.parse("{\"a\": 1} x", "trail.json"));
    }
}
