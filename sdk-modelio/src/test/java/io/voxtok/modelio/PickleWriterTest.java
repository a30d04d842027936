package io.voxtok.modelio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The opcodes PickleWriter chooses, read back by the safe PickleReader. */
class PickleWriterTest {
    private static Object load(byte[] pickle) {
        return new PickleReader(pickle, Path.of("test.pkl"), "data.pkl", pid -> pid).load();
    }

    /** A list of the values, pickled and read back. */
    private static List<?> roundTrip(java.util.function.Consumer<PickleWriter> items) {
        PickleWriter w = new PickleWriter();
        w.emptyList().mark();
        items.accept(w);
        w.appends();
        return (List<?>) load(w.finish());
    }

    @Test
    void integersUseTheShortestOpcodeAndReadBack() {
        long[] longs = {0, 1, 255, 256, 65535, 65536, -1, -256, Integer.MAX_VALUE, Integer.MIN_VALUE,
            Integer.MAX_VALUE + 1L, Integer.MIN_VALUE - 1L, Long.MAX_VALUE, Long.MIN_VALUE, -128, 128};
        List<?> back = roundTrip(w -> {
            for (long v : longs) {
                w.integer(v);
            }
        });
        for (int i = 0; i < longs.length; i++) {
            assertEquals(longs[i], back.get(i), "value " + longs[i]);
        }
        // Python: pickle.dumps(255, 2) -> K\xff, 256 -> M\x00\x01, -1 -> J\xff\xff\xff\xff, 2**31 -> LONG1 5 bytes
        assertArrayEquals(new byte[] {(byte) 0x80, 2, 'K', (byte) 0xff, '.'}, new PickleWriter().integer(255).finish());
        assertArrayEquals(new byte[] {(byte) 0x80, 2, 'M', 0, 1, '.'}, new PickleWriter().integer(256).finish());
        assertArrayEquals(new byte[] {(byte) 0x80, 2, 'J', -1, -1, -1, -1, '.'},
                new PickleWriter().integer(-1).finish());
        assertArrayEquals(new byte[] {(byte) 0x80, 2, (byte) 0x8a, 5, 0, 0, 0, (byte) 0x80, 0, '.'},
                new PickleWriter().integer(1L << 31).finish());
        assertArrayEquals(new byte[] {(byte) 0x80, 2, (byte) 0x8a, 5, -1, -1, -1, 0x7f, -1, '.'},
                new PickleWriter().integer(-(1L << 31) - 1).finish());
    }

    @Test
    void bigIntegersReadBackExactly() {
        BigInteger[] values = {BigInteger.TWO.pow(70), BigInteger.TWO.pow(70).negate(), BigInteger.TWO.pow(64),
            BigInteger.TWO.pow(63), BigInteger.TWO.pow(63).negate().subtract(BigInteger.ONE), BigInteger.valueOf(7)};
        List<?> back = roundTrip(w -> {
            for (BigInteger v : values) {
                w.integer(v);
            }
        });
        for (int i = 0; i < values.length; i++) {
            Object expected = values[i].bitLength() < 64 ? (Object) values[i].longValue() : values[i];
            assertEquals(expected, back.get(i));
        }
    }

    @Test
    void floatsStringsBooleansAndNone() {
        double[] doubles = {0.0, -0.0, 0.1, -1e300, Double.MIN_VALUE, Double.NaN, Double.POSITIVE_INFINITY};
        String[] strings = {"", "weight", "ünïcødé", "emoji 😀", "tab\tnew\nline", "x".repeat(70_000)};
        List<?> back = roundTrip(w -> {
            for (double d : doubles) {
                w.floating(d);
            }
            for (String s : strings) {
                w.string(s);
            }
            w.bool(true).bool(false).none();
        });
        for (int i = 0; i < doubles.length; i++) {
            assertEquals(Double.doubleToRawLongBits(doubles[i]), Double.doubleToRawLongBits((Double) back.get(i)));
        }
        for (int i = 0; i < strings.length; i++) {
            assertEquals(strings[i], back.get(doubles.length + i));
        }
        int n = doubles.length + strings.length;
        assertEquals(Boolean.TRUE, back.get(n));
        assertEquals(Boolean.FALSE, back.get(n + 1));
        assertEquals(null, back.get(n + 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PickleWriter().string("bad \ud800 surrogate"));
        assertTrue(e.getMessage().contains("surrogate"), e.getMessage());
    }

    @Test
    void globalsAndSharedStringsAreMemoisedPastSlot255() {
        PickleWriter w = new PickleWriter();
        w.emptyList().mark();
        for (int i = 0; i < 300; i++) {
            w.global("collections", "OrderedDict").emptyTuple().reduce();
            w.sharedString("s" + (i % 2));
            w.string("u" + i);
            w.memoize(); // pushes the memo index past 255 so LONG_BINPUT/LONG_BINGET appear
        }
        w.global("collections", "OrderedDict").emptyTuple().reduce().sharedString("s0");
        w.appends();
        byte[] pickle = w.finish();
        PickleOpcodeScanner scan = new PickleOpcodeScanner(pickle);
        assertEquals(List.of("collections.OrderedDict"), scan.globals, "named once, then fetched from the memo");
        assertTrue(scan.opcodes.contains((int) 'r'), "LONG_BINPUT");
        List<?> back = (List<?>) load(pickle);
        assertEquals(902, back.size());
        assertEquals(Map.of(), back.get(900));
        assertEquals("s0", back.get(901));
        assertEquals("u299", back.get(899));
    }

    @Test
    void containersAndPersistentIds() {
        PickleWriter w = new PickleWriter();
        w.emptyDict().string("a").mark().string("storage").integer(3).tuple().persistentId().setItem();
        Object root = load(w.finish());
        Map<?, ?> map = (Map<?, ?>) root;
        assertEquals(List.of("storage", 3L), map.get("a"));
        List<Object> seen = new ArrayList<>();
        PickleWriter w2 = new PickleWriter();
        w2.mark().string("x").tuple();
        Object tuple = new PickleReader(w2.finish(), Path.of("t"), "r", pid -> {
            seen.add(pid);
            return pid;
        }).load();
        assertEquals(List.of("x"), tuple);
        assertTrue(seen.isEmpty());
        PickleWriter w3 = new PickleWriter();
        w3.finish();
        assertThrows(IllegalStateException.class, () -> w3.none());
        assertEquals(3, w3.finish().length);
    }
}
