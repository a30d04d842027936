package io.voxtok.modelio;

import io.voxtok.api.VoxtokException;
import java.math.BigInteger;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A safe unpickler for the {@code data.pkl} record of a PyTorch zip checkpoint.
 *
 * <p>It interprets the pickle opcodes that {@code torch.save} and ordinary containers use (protocols 2 to 5 minus
 * out-of-band buffers) and builds plain Java values: {@code Long}/{@code BigInteger}, {@code Double},
 * {@code Boolean}, {@code String}, {@code byte[]}, {@code null}, {@link ArrayList} (list), unmodifiable
 * {@link List} (tuple), {@link LinkedHashMap} (dict, OrderedDict), {@link LinkedHashSet} (set), plus
 * {@link TorchStorageRef} and {@link TorchTensorRef} for tensors and {@link OpaqueObject} for everything else a
 * pickle would construct. Only the tensor-rebuilding and container globals are interpreted; dangerous globals are
 * refused by {@link PickleGlobalPolicy}; nothing is ever executed, imported or reflected.
 */
final class PickleReader {
    /** Opcodes this reader refuses, with their pickletools names. */
    private static final Map<Integer, String> REFUSED_OPCODES = Map.ofEntries(
            Map.entry((int) 'I', "INT"), Map.entry((int) 'L', "LONG"), Map.entry((int) 'S', "STRING"),
            Map.entry((int) 'V', "UNICODE"), Map.entry((int) 'F', "FLOAT"), Map.entry((int) 'P', "PERSID"),
            Map.entry((int) 'g', "GET"), Map.entry((int) 'p', "PUT"), Map.entry((int) 'i', "INST"),
            Map.entry((int) 'o', "OBJ"), Map.entry(0x82, "EXT1"), Map.entry(0x83, "EXT2"),
            Map.entry(0x84, "EXT4"), Map.entry(0x97, "NEXT_BUFFER"), Map.entry(0x98, "READONLY_BUFFER"));

    private final ByteBuffer in;
    private final Path file;
    private final String record;
    private final Function<List<Object>, Object> persistentLoad;
    private final ArrayList<Object> stack = new ArrayList<>();
    private final ArrayList<Integer> marks = new ArrayList<>();
    private final Map<Long, Object> memo = new HashMap<>();

    /**
     * Most values one dictionary key or set element may span (counting shared sub-tuples once per use, as hashing
     * walks them): Java hashes and compares keys recursively, so an unbounded key, or one built as a DAG of
     * shared tuples, would cost exponential time or overflow the stack. Real keys are short strings or ints.
     */
    static final int MAX_KEY_NODES = 10_000;
    /** Deepest tuple nesting inside one key or set element. */
    static final int MAX_KEY_DEPTH = 32;
    /** Most characters (or bytes) of text one key or set element may hold in all, so its text form stays small. */
    static final int MAX_KEY_CHARS = 1 << 16;
    /** Most values on the stack at once: a state dict needs its nesting depth plus one batch of 1000 items. */
    static final int MAX_STACK = 1 << 20;

    /**
     * @param pickle         the pickle bytes
     * @param file           the checkpoint, for messages
     * @param record         the record inside it holding the pickle, for messages
     * @param persistentLoad resolves a persistent id tuple (BINPERSID) to a value
     */
    PickleReader(byte[] pickle, Path file, String record, Function<List<Object>, Object> persistentLoad) {
        this.in = ByteBuffer.wrap(pickle).order(ByteOrder.LITTLE_ENDIAN);
        this.file = file;
        this.record = record;
        this.persistentLoad = persistentLoad;
    }

    /** Runs the pickle to its STOP opcode and returns the root object. */
    Object load() {
        int opPos = 0;
        try {
            while (true) {
                opPos = in.position();
                int op = in.get() & 0xff;
                if (op == '.') {
                    if (stack.size() != 1 || !marks.isEmpty()) {
                        throw malformed(opPos, "STOP with " + stack.size() + " values on the stack");
                    }
                    return stack.get(0);
                }
                step(op, opPos);
            }
        } catch (BufferUnderflowException e) {
            throw malformed(in.position(), "it ends before its STOP opcode (truncated?)");
        } catch (ClassCastException | IndexOutOfBoundsException | ArithmeticException | NegativeArraySizeException
                 | IllegalArgumentException | NullPointerException | UnsupportedOperationException e) {
            throw malformed(opPos, "an opcode got operands of the wrong kind (" + e.getMessage() + ")");
        }
    }

    private void step(int op, int opPos) {
        switch (op) {
            case 0x80 -> { // PROTO
                int protocol = in.get() & 0xff;
                if (protocol > 5) {
                    throw malformed(opPos, "unsupported pickle protocol " + protocol);
                }
            }
            case 0x95 -> in.getLong(); // FRAME: framing is only a read-ahead hint
            case '(' -> marks.add(stack.size());
            case '0' -> pop(); // POP
            case '1' -> popMark(); // POP_MARK
            case '2' -> push(peek()); // DUP
            case '}' -> push(new LinkedHashMap<>());
            case ']' -> push(new ArrayList<>());
            case ')' -> push(Collections.emptyList());
            case 0x8f -> push(new LinkedHashSet<>()); // EMPTY_SET
            case 'd' -> push(toDict(popMark(), opPos)); // DICT
            case 'l' -> push(new ArrayList<>(popMark())); // LIST
            case 't' -> push(tuple(popMark())); // TUPLE
            case 0x85 -> push(tuple(listOf(pop()))); // TUPLE1
            case 0x86 -> { // TUPLE2
                Object b = pop();
                Object a = pop();
                push(tuple(listOf(a, b)));
            }
            case 0x87 -> { // TUPLE3
                Object c = pop();
                Object b = pop();
                Object a = pop();
                push(tuple(listOf(a, b, c)));
            }
            case 0x91 -> push(Collections.unmodifiableSet(new LinkedHashSet<>(hashables(popMark(), opPos))));
            case 's' -> { // SETITEM
                Object value = pop();
                Object key = pop();
                setItems(peek(), listOf(key, value), opPos);
            }
            case 'u' -> { // SETITEMS
                List<Object> items = popMark();
                setItems(peek(), items, opPos);
            }
            case 'a' -> { // APPEND
                Object value = pop();
                appendAll(peek(), listOf(value), opPos);
            }
            case 'e' -> { // APPENDS
                List<Object> items = popMark();
                appendAll(peek(), items, opPos);
            }
            case 0x90 -> { // ADDITEMS
                List<Object> items = popMark();
                Object target = peek();
                if (target instanceof Set<?>) {
                    @SuppressWarnings("unchecked")
                    Set<Object> set = (Set<Object>) target;
                    set.addAll(hashables(items, opPos));
                } else if (!(target instanceof OpaqueObject)) {
                    throw malformed(opPos, "ADDITEMS on a " + describe(target));
                }
            }
            case 'J' -> push((long) in.getInt()); // BININT
            case 'K' -> push((long) (in.get() & 0xff)); // BININT1
            case 'M' -> push((long) (in.getShort() & 0xffff)); // BININT2
            case 0x8a -> push(readLong(in.get() & 0xff)); // LONG1
            case 0x8b -> push(readLong(length(in.getInt(), opPos))); // LONG4
            case 'G' -> push(Double.longBitsToDouble(Long.reverseBytes(in.getLong()))); // BINFLOAT is big-endian
            case 'N' -> push(null);
            case 0x88 -> push(Boolean.TRUE);
            case 0x89 -> push(Boolean.FALSE);
            case 'X' -> push(readString(length(in.getInt() & 0xffffffffL, opPos), StandardCharsets.UTF_8));
            case 0x8c -> push(readString(in.get() & 0xff, StandardCharsets.UTF_8)); // SHORT_BINUNICODE
            case 0x8d -> push(readString(length(in.getLong(), opPos), StandardCharsets.UTF_8)); // BINUNICODE8
            // Python 2 str: bytes without an encoding; latin-1 maps them one to one.
            case 'T' -> push(readString(length(in.getInt(), opPos), StandardCharsets.ISO_8859_1)); // BINSTRING
            case 'U' -> push(readString(in.get() & 0xff, StandardCharsets.ISO_8859_1)); // SHORT_BINSTRING
            case 'B' -> push(readBytes(length(in.getInt() & 0xffffffffL, opPos))); // BINBYTES
            case 'C' -> push(readBytes(in.get() & 0xff)); // SHORT_BINBYTES
            case 0x8e, 0x96 -> push(readBytes(length(in.getLong(), opPos))); // BINBYTES8, BYTEARRAY8
            case 'Q' -> push(persistentLoad.apply(asList(pop(), "BINPERSID", opPos))); // BINPERSID
            case 'h' -> push(memoGet(in.get() & 0xff, opPos)); // BINGET
            case 'j' -> push(memoGet(in.getInt() & 0xffffffffL, opPos)); // LONG_BINGET
            case 'q' -> memo.put((long) (in.get() & 0xff), peek()); // BINPUT
            case 'r' -> memo.put(in.getInt() & 0xffffffffL, peek()); // LONG_BINPUT
            case 0x94 -> memo.put((long) memo.size(), peek()); // MEMOIZE
            case 'c' -> { // GLOBAL
                String module = readLine(opPos);
                String name = readLine(opPos);
                push(global(module, name));
            }
            case 0x93 -> { // STACK_GLOBAL
                Object name = pop();
                Object module = pop();
                if (!(module instanceof String m) || !(name instanceof String n)) {
                    throw malformed(opPos, "STACK_GLOBAL needs two strings");
                }
                push(global(m, n));
            }
            case 'R' -> { // REDUCE
                List<Object> args = asList(pop(), "REDUCE", opPos);
                push(call(pop(), args, opPos));
            }
            case 0x81 -> { // NEWOBJ: cls.__new__(cls, *args)
                List<Object> args = asList(pop(), "NEWOBJ", opPos);
                push(call(pop(), args, opPos));
            }
            case 0x92 -> { // NEWOBJ_EX: keyword arguments only matter to the objects we never build
                pop();
                List<Object> args = asList(pop(), "NEWOBJ_EX", opPos);
                push(call(pop(), args, opPos));
            }
            case 'b' -> { // BUILD: sets attributes (e.g. an OrderedDict's _metadata); nothing we need
                pop();
                peek();
            }
            default -> {
                String name = REFUSED_OPCODES.get(op);
                if (name != null) {
                    throw VoxtokException.userInput("refusing to load " + file + ": its pickle (" + record
                            + ") uses opcode " + name + " at byte " + opPos + ", which a PyTorch state dict never "
                            + "needs and this safe reader does not interpret");
                }
                throw malformed(opPos, String.format("unknown opcode 0x%02x", op));
            }
        }
    }

    private PickleGlobal global(String module, String name) {
        PickleGlobal global = new PickleGlobal(module, name);
        PickleGlobalPolicy.check(global, file);
        return global;
    }

    /** What calling {@code callable(*args)} would give, for the few callables we interpret. */
    private Object call(Object callable, List<Object> args, int opPos) {
        if (callable instanceof OpaqueObject opaque) {
            return new OpaqueObject(opaque.type());
        }
        if (!(callable instanceof PickleGlobal g)) {
            throw malformed(opPos, "it calls a " + describe(callable) + ", which is not callable");
        }
        switch (g.qualifiedName()) {
            case "collections.OrderedDict" -> {
                LinkedHashMap<Object, Object> map = new LinkedHashMap<>();
                if (!args.isEmpty() && args.get(0) instanceof Map<?, ?> m) {
                    map.putAll(m);
                } else if (!args.isEmpty() && args.get(0) instanceof List<?> pairs) {
                    for (Object pair : pairs) {
                        List<Object> kv = asList(pair, "OrderedDict item", opPos);
                        map.put(hashable(kv.get(0), opPos), kv.get(1));
                    }
                }
                return map;
            }
            case "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_tensor" -> {
                return rebuildTensor(args, opPos);
            }
            case "torch._utils._rebuild_parameter", "torch._utils._rebuild_parameter_with_state" -> {
                Object data = args.get(0);
                if (!(data instanceof TorchTensorRef)) {
                    throw malformed(opPos, g + " got a " + describe(data) + " instead of a tensor");
                }
                return data;
            }
            case "torch._tensor._rebuild_from_type_v2" -> { // (func, new_type, args, state)
                return call(args.get(0), asList(args.get(2), "_rebuild_from_type_v2 args", opPos), opPos);
            }
            case "torch.device" -> {
                return args.isEmpty() ? "None" : boundedText(args.get(0), 200);
            }
            case "_codecs.encode" -> { // protocol 2 writes bytes as _codecs.encode(str, 'latin1')
                String text = (String) args.get(0);
                String encoding = args.size() > 1 ? (String) args.get(1) : "utf-8";
                try {
                    return text.getBytes(Charset.forName(encoding));
                } catch (IllegalArgumentException e) {
                    throw malformed(opPos, "_codecs.encode with unknown encoding '" + encoding + "'");
                }
            }
            case "builtins.set", "__builtin__.set" -> {
                LinkedHashSet<Object> set = new LinkedHashSet<>();
                if (!args.isEmpty() && args.get(0) instanceof Collection<?> items) {
                    set.addAll(hashables(new ArrayList<>(items), opPos));
                }
                return set;
            }
            case "builtins.frozenset", "__builtin__.frozenset" -> { // immutable, hence usable as a key
                LinkedHashSet<Object> set = new LinkedHashSet<>();
                if (!args.isEmpty() && args.get(0) instanceof Collection<?> items) {
                    set.addAll(hashables(new ArrayList<>(items), opPos));
                }
                return Collections.unmodifiableSet(set);
            }
            case "builtins.dict", "__builtin__.dict" -> {
                LinkedHashMap<Object, Object> map = new LinkedHashMap<>();
                if (!args.isEmpty() && args.get(0) instanceof Map<?, ?> m) {
                    map.putAll(m);
                }
                return map;
            }
            case "builtins.list", "__builtin__.list" -> {
                return args.isEmpty() || !(args.get(0) instanceof Collection<?> items)
                        ? new ArrayList<>() : new ArrayList<Object>(items);
            }
            case "builtins.tuple", "__builtin__.tuple" -> {
                return args.isEmpty() || !(args.get(0) instanceof Collection<?> items)
                        ? Collections.emptyList() : tuple(new ArrayList<Object>(items));
            }
            case "builtins.bytearray", "__builtin__.bytearray" -> {
                return args.isEmpty() ? new byte[0] : args.get(0);
            }
            default -> {
                return new OpaqueObject(g);
            }
        }
    }

    private TorchTensorRef rebuildTensor(List<Object> args, int opPos) {
        if (args.size() < 4 || !(args.get(0) instanceof TorchStorageRef storage)) {
            throw malformed(opPos, "_rebuild_tensor needs (storage, offset, size, stride, ...), got "
                    + describe(args));
        }
        long offset = (Long) args.get(1);
        long[] size = longs(asList(args.get(2), "tensor size", opPos));
        long[] stride = longs(asList(args.get(3), "tensor stride", opPos));
        if (size.length != stride.length) {
            throw malformed(opPos, "a tensor has " + size.length + " sizes but " + stride.length + " strides");
        }
        return new TorchTensorRef(storage, offset, size, stride);
    }

    private static long[] longs(List<Object> values) {
        long[] out = new long[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (Long) values.get(i);
        }
        return out;
    }

    private void setItems(Object target, List<Object> items, int opPos) {
        if (items.size() % 2 != 0) {
            throw malformed(opPos, "SETITEMS with an odd number of values");
        }
        if (target instanceof OpaqueObject) {
            return; // items of an object we do not build (e.g. a defaultdict subclass) are dropped
        }
        if (!(target instanceof Map<?, ?>)) {
            throw malformed(opPos, "SETITEM on a " + describe(target));
        }
        @SuppressWarnings("unchecked")
        Map<Object, Object> map = (Map<Object, Object>) target;
        for (int i = 0; i < items.size(); i += 2) {
            map.put(hashable(items.get(i), opPos), items.get(i + 1));
        }
    }

    private void appendAll(Object target, List<Object> items, int opPos) {
        if (target instanceof OpaqueObject) {
            return;
        }
        if (!(target instanceof ArrayList<?>)) {
            throw malformed(opPos, "APPEND on a " + describe(target));
        }
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) target;
        list.addAll(items);
    }

    private LinkedHashMap<Object, Object> toDict(List<Object> items, int opPos) {
        LinkedHashMap<Object, Object> map = new LinkedHashMap<>();
        setItems(map, items, opPos);
        return map;
    }

    private List<Object> hashables(List<Object> items, int opPos) {
        for (Object item : items) {
            hashable(item, opPos);
        }
        return items;
    }

    /**
     * Checks that a value may be a dictionary key or set element before Java hashes it: Python refuses lists,
     * dicts and sets as keys (which also rules out a key that contains itself), and the size bounds keep hashing,
     * comparing and printing the key cheap.
     */
    private Object hashable(Object key, int opPos) {
        checkKey(key, 0, new int[] {MAX_KEY_NODES, MAX_KEY_CHARS}, opPos);
        return key;
    }

    private void checkKey(Object key, int depth, int[] budget, int opPos) {
        if (--budget[0] < 0) {
            throw malformed(opPos, "a dictionary key or set element spans more than " + MAX_KEY_NODES
                    + " values, which no checkpoint needs");
        }
        if (depth > MAX_KEY_DEPTH) {
            throw malformed(opPos, "a dictionary key or set element nests tuples more than " + MAX_KEY_DEPTH
                    + " levels deep, which no checkpoint needs");
        }
        if (key instanceof String text) {
            budget[1] -= text.length();
        } else if (key instanceof byte[] bytes) {
            budget[1] -= bytes.length;
        } else if (key instanceof Map<?, ?> || key instanceof ArrayList<?> || key instanceof LinkedHashSet<?>) {
            throw malformed(opPos, "a " + pythonType(key) + " is used as a dictionary key or set element, which "
                    + "Python refuses as unhashable (and which may contain itself)");
        } else if (key instanceof Collection<?> immutable) { // a tuple or frozenset
            for (Object item : immutable) {
                checkKey(item, depth + 1, budget, opPos);
            }
        }
        if (budget[1] < 0) {
            throw malformed(opPos, "a dictionary key or set element holds more than " + MAX_KEY_CHARS
                    + " characters of text, which no checkpoint needs");
        }
    }

    private static String pythonType(Object o) {
        return o instanceof Map<?, ?> ? "dict" : o instanceof ArrayList<?> ? "list" : "set";
    }

    /**
     * The text form of a pickled value cut at about {@code limit} characters, for messages: {@code toString} of a
     * value built from shared or self-containing containers could be exponentially long or never end.
     */
    static String boundedText(Object value, int limit) {
        StringBuilder out = new StringBuilder();
        appendBounded(out, value, limit, 0);
        return out.length() > limit ? out.substring(0, limit) + "..." : out.toString();
    }

    private static void appendBounded(StringBuilder out, Object value, int limit, int depth) {
        if (out.length() > limit) {
            return;
        }
        if (depth > 8) {
            out.append("...");
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (out.length() > limit) {
                    return;
                }
                appendBounded(out, e.getKey(), limit, depth + 1);
                out.append(": ");
                appendBounded(out, e.getValue(), limit, depth + 1);
                out.append(", ");
            }
            out.append('}');
        } else if (value instanceof Collection<?> items) {
            out.append('(');
            for (Object item : items) {
                if (out.length() > limit) {
                    return;
                }
                appendBounded(out, item, limit, depth + 1);
                out.append(", ");
            }
            out.append(')');
        } else if (value instanceof byte[] bytes) {
            out.append("<").append(bytes.length).append(" bytes>");
        } else {
            String text = String.valueOf(value);
            out.append(text, 0, Math.min(text.length(), limit + 1));
        }
    }

    private static List<Object> tuple(List<Object> items) {
        return Collections.unmodifiableList(new ArrayList<>(items));
    }

    private static List<Object> listOf(Object... items) {
        ArrayList<Object> list = new ArrayList<>(items.length);
        Collections.addAll(list, items);
        return list;
    }

    @SuppressWarnings("unchecked")
    private List<Object> asList(Object o, String what, int opPos) {
        if (!(o instanceof List<?>)) {
            throw malformed(opPos, what + " needs a tuple, got a " + describe(o));
        }
        return (List<Object>) o;
    }

    private Object readLong(int n) {
        byte[] b = readBytes(n);
        if (n == 0) {
            return 0L;
        }
        // LONG1/LONG4 hold little-endian two's complement; BigInteger wants big-endian.
        byte[] be = new byte[n];
        for (int i = 0; i < n; i++) {
            be[i] = b[n - 1 - i];
        }
        BigInteger value = new BigInteger(be);
        return value.bitLength() < 64 ? (Object) value.longValue() : value;
    }

    private int length(long n, int opPos) {
        if (n < 0 || n > in.remaining()) {
            throw malformed(opPos, "a length of " + n + " bytes runs past the end of the pickle");
        }
        return (int) n;
    }

    private byte[] readBytes(int n) {
        byte[] b = new byte[length(n, in.position())];
        in.get(b);
        return b;
    }

    private String readString(int n, Charset charset) {
        return new String(readBytes(n), charset);
    }

    private String readLine(int opPos) {
        int start = in.position();
        while (in.get() != '\n') {
            if (in.position() - start > 1000) {
                throw malformed(opPos, "GLOBAL name too long");
            }
        }
        return new String(in.array(), start, in.position() - start - 1, StandardCharsets.UTF_8);
    }

    private Object memoGet(long index, int opPos) {
        if (!memo.containsKey(index)) {
            throw malformed(opPos, "memo entry " + index + " read before it was written");
        }
        return memo.get(index);
    }

    private void push(Object o) {
        if (stack.size() >= MAX_STACK) {
            throw malformed(in.position() - 1, "its stack grows past " + MAX_STACK + " values, which no "
                    + "checkpoint needs");
        }
        stack.add(o);
    }

    private Object pop() {
        if (stack.isEmpty() || (!marks.isEmpty() && marks.get(marks.size() - 1) >= stack.size())) {
            throw malformed(in.position() - 1, "an opcode pops from an empty stack");
        }
        return stack.remove(stack.size() - 1);
    }

    private Object peek() {
        if (stack.isEmpty()) {
            throw malformed(in.position() - 1, "an opcode reads an empty stack");
        }
        return stack.get(stack.size() - 1);
    }

    private List<Object> popMark() {
        if (marks.isEmpty()) {
            throw malformed(in.position() - 1, "an opcode needs a MARK that is not there");
        }
        int from = marks.remove(marks.size() - 1);
        List<Object> sub = stack.subList(from, stack.size());
        List<Object> items = new ArrayList<>(sub);
        sub.clear();
        return items;
    }

    private static String describe(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof OpaqueObject || o instanceof PickleGlobal) {
            return o.toString();
        }
        return o.getClass().getSimpleName();
    }

    private VoxtokException malformed(int pos, String problem) {
        return VoxtokException.userInput("cannot read " + file + ": its pickle (" + record + ") is malformed at byte "
                + pos + ": " + problem);
    }
}
