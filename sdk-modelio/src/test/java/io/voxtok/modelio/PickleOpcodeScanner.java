package io.voxtok.modelio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Lists the opcodes and GLOBAL names of a pickle without running it, for the opcodes {@link PickleWriter} emits; any
 * other opcode makes it fail, so a test also learns when the writer starts emitting something new.
 */
final class PickleOpcodeScanner {
    /** Opcodes seen, in order of first appearance. */
    final Set<Integer> opcodes = new LinkedHashSet<>();
    /** {@code module.name} of every GLOBAL opcode. */
    final List<String> globals = new ArrayList<>();

    PickleOpcodeScanner(byte[] pickle) {
        ByteBuffer in = ByteBuffer.wrap(pickle).order(ByteOrder.LITTLE_ENDIAN);
        while (true) {
            int op = in.get() & 0xff;
            opcodes.add(op);
            switch (op) {
                case 0x80, 'K', 'q', 'h' -> in.get();
                case 'M' -> in.getShort();
                case 'J', 'r', 'j' -> in.getInt();
                case 'G' -> in.getLong();
                case 0x8a -> skip(in, in.get() & 0xff);
                case 'X' -> skip(in, in.getInt());
                case 'c' -> globals.add(line(in) + "." + line(in));
                case 'N', 0x88, 0x89, '(', 't', ')', '}', 's', 'u', ']', 'a', 'e', 'R', 'Q' -> {
                }
                case '.' -> {
                    if (in.hasRemaining()) {
                        throw new IllegalStateException("bytes after STOP");
                    }
                    return;
                }
                default -> throw new IllegalStateException(String.format("unexpected opcode 0x%02x at %d", op,
                        in.position() - 1));
            }
        }
    }

    /** Skips a length-prefixed operand; the length is read first, so it is not part of the skip. */
    private static void skip(ByteBuffer in, int length) {
        in.position(in.position() + length);
    }

    private static String line(ByteBuffer in) {
        int start = in.position();
        while (in.get() != '\n') {
            // scan to the end of the line
        }
        return new String(in.array(), start, in.position() - start - 1, StandardCharsets.UTF_8);
    }
}
