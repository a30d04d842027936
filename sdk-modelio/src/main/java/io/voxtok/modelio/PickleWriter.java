package io.voxtok.modelio;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Emits pickle opcodes of protocol 2, the protocol {@code torch.save} uses for {@code data.pkl}, choosing the same
 * opcode for each value as Python's own pickler does (BININT1/BININT2/BININT/LONG1 by magnitude, BINFLOAT,
 * BINUNICODE, NEWTRUE/NEWFALSE, ...).
 *
 * <p>It writes only what it is told: it is the low level of {@link TorchZipWriter}, which decides the structure.
 * It emits no opcode that {@link PickleReader} refuses (no text-mode INT/LONG/STRING/FLOAT, PUT/GET, INST/OBJ or
 * EXT), and globals are memoised after their first use so that each is named once, as Python does.
 */
final class PickleWriter {
    /** The protocol {@code torch.save} uses by default ({@code DEFAULT_PROTOCOL} in torch/serialization.py). */
    static final int PROTOCOL = 2;

    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Map<PickleGlobal, Integer> globals = new HashMap<>();
    private final Map<String, Integer> strings = new HashMap<>();
    private int memoSize;
    private boolean stopped;

    /** Starts a pickle with the PROTO opcode. */
    PickleWriter() {
        op(0x80);
        op(PROTOCOL);
    }

    /** GLOBAL {@code module.name}, or BINGET of its memo slot when it was named before. */
    PickleWriter global(String module, String name) {
        PickleGlobal global = new PickleGlobal(module, name);
        Integer slot = globals.get(global);
        if (slot != null) {
            return get(slot);
        }
        op('c');
        out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
        globals.put(global, memoize());
        return this;
    }

    /**
     * Stores the value on top of the stack in the next memo slot (BINPUT, LONG_BINPUT past 255).
     *
     * @return the slot, for {@link #get(int)}
     */
    int memoize() {
        int slot = memoSize++;
        if (slot < 256) {
            op('q');
            op(slot);
        } else {
            op('r');
            writeIntLE(slot);
        }
        return slot;
    }

    /** Pushes the value memoised in {@code slot} (BINGET, LONG_BINGET past 255). */
    PickleWriter get(int slot) {
        if (slot < 0 || slot >= memoSize) {
            throw new IllegalArgumentException("memo slot " + slot + " was never written");
        }
        if (slot < 256) {
            op('h');
            op(slot);
        } else {
            op('j');
            writeIntLE(slot);
        }
        return this;
    }

    /** NONE. */
    PickleWriter none() {
        return op('N');
    }

    /** NEWTRUE or NEWFALSE. */
    PickleWriter bool(boolean value) {
        return op(value ? 0x88 : 0x89);
    }

    /** A Python int, with the shortest opcode Python's pickler would pick. */
    PickleWriter integer(long value) {
        if (value >= 0 && value <= 0xff) {
            op('K');
            op((int) value);
        } else if (value >= 0 && value <= 0xffff) {
            op('M');
            op((int) value & 0xff);
            op((int) (value >>> 8) & 0xff);
        } else if (value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) {
            op('J');
            writeIntLE((int) value);
        } else {
            long1(BigInteger.valueOf(value));
        }
        return this;
    }

    /** A Python int of any size. */
    PickleWriter integer(BigInteger value) {
        if (value.compareTo(LONG_MIN) >= 0 && value.compareTo(LONG_MAX) <= 0) {
            return integer(value.longValue());
        }
        return long1(value);
    }

    /** A Python float (BINFLOAT, which holds the IEEE 754 double big-endian). */
    PickleWriter floating(double value) {
        op('G');
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putDouble(value).array());
        return this;
    }

    /**
     * A Python str (BINUNICODE, UTF-8).
     *
     * @throws IllegalArgumentException if the string has an unpaired surrogate, which UTF-8 cannot encode
     */
    PickleWriter string(String value) {
        byte[] utf8;
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(value));
            utf8 = new byte[encoded.remaining()];
            encoded.get(utf8);
        } catch (CharacterCodingException e) {
            // String.getBytes would silently turn the surrogate into '?', changing the key or value.
            throw new IllegalArgumentException("string '" + value + "' is not valid Unicode (unpaired surrogate)");
        }
        op('X');
        writeIntLE(utf8.length);
        out.writeBytes(utf8);
        return this;
    }

    /**
     * A str that recurs many times (such as {@code 'storage'} and {@code 'cpu'} in every tensor): written once and
     * then fetched from the memo, as Python does for one string object pickled repeatedly.
     */
    PickleWriter sharedString(String value) {
        Integer slot = strings.get(value);
        if (slot != null) {
            return get(slot);
        }
        string(value);
        strings.put(value, memoize());
        return this;
    }

    /** MARK: starts the items of a tuple, SETITEMS or APPENDS. */
    PickleWriter mark() {
        return op('(');
    }

    /** TUPLE: the items since the last MARK. */
    PickleWriter tuple() {
        return op('t');
    }

    /** EMPTY_TUPLE. */
    PickleWriter emptyTuple() {
        return op(')');
    }

    /** EMPTY_DICT. */
    PickleWriter emptyDict() {
        return op('}');
    }

    /** SETITEM: one key and value into the dict below them. */
    PickleWriter setItem() {
        return op('s');
    }

    /** SETITEMS: the key/value pairs since the last MARK into the dict below the MARK. */
    PickleWriter setItems() {
        return op('u');
    }

    /** EMPTY_LIST. */
    PickleWriter emptyList() {
        return op(']');
    }

    /** APPEND: one value onto the list below it. */
    PickleWriter append() {
        return op('a');
    }

    /** APPENDS: the values since the last MARK onto the list below the MARK. */
    PickleWriter appends() {
        return op('e');
    }

    /** REDUCE: calls the callable below the argument tuple on top. */
    PickleWriter reduce() {
        return op('R');
    }

    /** BINPERSID: replaces the tuple on top with the object the loader's persistent_load makes of it. */
    PickleWriter persistentId() {
        return op('Q');
    }

    /** Ends the pickle (STOP) and returns its bytes; nothing can be added afterwards. */
    byte[] finish() {
        if (!stopped) {
            op('.');
            stopped = true;
        }
        return out.toByteArray();
    }

    /** LONG1: little-endian two's complement in the fewest bytes, as Python's {@code encode_long}. */
    private PickleWriter long1(BigInteger value) {
        byte[] be = value.toByteArray(); // minimal two's complement, big-endian
        if (be.length > 255) {
            throw new IllegalArgumentException("integer " + value + " needs more than 255 bytes");
        }
        op(0x8a);
        op(be.length);
        for (int i = be.length - 1; i >= 0; i--) {
            out.write(be[i]);
        }
        return this;
    }

    private void writeIntLE(int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }

    private PickleWriter op(int b) {
        if (stopped) {
            throw new IllegalStateException("the pickle is already finished");
        }
        out.write(b);
        return this;
    }
}
