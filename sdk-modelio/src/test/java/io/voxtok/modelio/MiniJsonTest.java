package io.voxtok.modelio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The minimal JSON reader used for safetensors headers. */
class MiniJsonTest {
    @Test
    void parsesValues() {
        Object v = MiniJson.parse(" {\"a\": [1, -2.5e3, true, false, null], \"b\\u00e9\\n\": {\"c\": \"x\\\"y\"},"
                + " \"big\": 123456789012345678901234567890} ");
        Map<?, ?> m = (Map<?, ?>) v;
        assertEquals(Arrays.asList(1L, -2500.0, true, false, null), m.get("a"));
        assertEquals(Map.of("c", "x\"y"), m.get("b\u00e9\n"));
        assertEquals(new BigInteger("123456789012345678901234567890"), m.get("big"));
        assertEquals(List.of("b\u00e9\n", "x\"y"), List.of(MiniJson.parse(MiniJson.quote("b\u00e9\n")),
                MiniJson.parse(MiniJson.quote("x\"y"))));
    }

    @Test
    void rejectsInvalidJson() {
        for (String bad : new String[] {"{", "{\"a\":1,}", "[1 2]", "{\"a\":1}x", "{\"a\":1,\"a\":2}", "\"\\q\"",
                "tru", ""}) {
            assertThrows(IllegalArgumentException.class, () -> MiniJson.parse(bad), bad);
        }
    }
}
