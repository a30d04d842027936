package io.voxtok.testkit.fuzz;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Seeded mutations of a valid file, the kinds that break readers: bit flips, bytes set to boundary values, 2/4/8-byte
 * fields overwritten with extreme integers (either byte order), bytes inserted, deleted or repeated, truncation,
 * and for text formats numbers replaced by extreme literals and structure characters inserted or nested deeply.
 * Half of all offsets fall in the first 256 bytes, where headers live.
 *
 * <p>Deterministic: the same input and {@link Random} state give the same output and description.
 */
public final class ByteMutator {
    /** Integers that sit on the edges readers get wrong: sizes, counts, signs, overflow. */
    private static final long[] EXTREME = {0, 1, -1, 2, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF, 0x7FFF_FFFFL,
        0x8000_0000L, 0xFFFF_FFFFL, 0x4000_0000L, 0x3FFF_FFFFL, 1L << 32, Long.MAX_VALUE, Long.MIN_VALUE, 1_000_000_000L};
    /** Replacement numbers for text formats. */
    private static final String[] NUMBERS = {"0", "-1", "1e309", "-1e309", "99999999999999999999", "2147483648",
        "-2147483649", "1e9", "1e-320", "NaN", "0.5", "-0.0", "9223372036854775808", "1000000000"};
    private static final String[] STRUCTURE = {"{", "}", "[", "]", "\"", ",", ":", "\\", "\u0000", "null", "\n"};

    private final boolean text;

    /**
     * @param text also apply the text mutations (JSON, JSON Lines)
     */
    public ByteMutator(boolean text) {
        this.text = text;
    }

    /** A mutated copy of {@code input} and what was done, e.g. {@code "flip bit 3 @17; truncate @120"}. */
    public Mutant mutate(byte[] input, Random rnd) {
        byte[] b = input.clone();
        int count = 1 + rnd.nextInt(3);
        List<String> steps = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int kind = rnd.nextInt(text ? 11 : 8);
            StringBuilder what = new StringBuilder();
            b = apply(kind, b, rnd, what);
            steps.add(what.toString());
        }
        return new Mutant(b, String.join("; ", steps));
    }

    /**
     * A mutated file and how it was made.
     *
     * @param bytes       the content
     * @param description the mutations, for reports
     */
    public record Mutant(byte[] bytes, String description) {
    }

    private byte[] apply(int kind, byte[] b, Random rnd, StringBuilder what) {
        if (b.length == 0) {
            byte[] r = new byte[1 + rnd.nextInt(8)];
            rnd.nextBytes(r);
            what.append("random ").append(r.length).append(" bytes");
            return r;
        }
        switch (kind) {
            case 0 -> {
                int at = offset(b.length, rnd);
                int bit = rnd.nextInt(8);
                b[at] ^= (byte) (1 << bit);
                what.append("flip bit ").append(bit).append(" @").append(at);
                return b;
            }
            case 1 -> {
                int at = offset(b.length, rnd);
                long v = EXTREME[rnd.nextInt(EXTREME.length)];
                b[at] = (byte) v;
                what.append("byte @").append(at).append(" = ").append(v & 0xFF);
                return b;
            }
            case 2 -> {
                int width = new int[] {2, 4, 8}[rnd.nextInt(3)];
                if (b.length < width) {
                    return truncate(b, rnd, what);
                }
                int at = Math.min(offset(b.length, rnd), b.length - width);
                long v = rnd.nextInt(5) == 0 ? rnd.nextLong() : EXTREME[rnd.nextInt(EXTREME.length)];
                ByteOrder order = rnd.nextBoolean() ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
                ByteBuffer buf = ByteBuffer.wrap(b, at, width).order(order);
                switch (width) {
                    case 2 -> buf.putShort((short) v);
                    case 4 -> buf.putInt((int) v);
                    default -> buf.putLong(v);
                }
                what.append("int").append(width * 8).append(order == ByteOrder.LITTLE_ENDIAN ? "le" : "be")
                        .append(" @").append(at).append(" = ").append(v);
                return b;
            }
            case 3 -> {
                int at = rnd.nextInt(b.length + 1);
                byte[] ins = new byte[1 + rnd.nextInt(16)];
                rnd.nextBytes(ins);
                what.append("insert ").append(ins.length).append(" @").append(at);
                return splice(b, at, 0, ins);
            }
            case 4 -> {
                int at = offset(b.length, rnd);
                int len = Math.min(b.length - at, 1 + rnd.nextInt(64));
                what.append("delete ").append(len).append(" @").append(at);
                return splice(b, at, len, new byte[0]);
            }
            case 5 -> {
                return truncate(b, rnd, what);
            }
            case 6 -> {
                int from = offset(b.length, rnd);
                int len = Math.min(b.length - from, 1 + rnd.nextInt(256));
                int to = rnd.nextInt(b.length + 1);
                what.append("repeat ").append(len).append(" from @").append(from).append(" at @").append(to);
                return splice(b, to, 0, Arrays.copyOfRange(b, from, from + len));
            }
            case 7 -> {
                int at = offset(b.length, rnd);
                int len = Math.min(b.length - at, 1 + rnd.nextInt(32));
                byte fill = (byte) (rnd.nextBoolean() ? 0 : 0xFF);
                Arrays.fill(b, at, at + len, fill);
                what.append("fill ").append(len).append(" @").append(at).append(" with ").append(fill & 0xFF);
                return b;
            }
            case 8 -> {
                return replaceNumber(b, rnd, what);
            }
            case 9 -> {
                int at = rnd.nextInt(b.length + 1);
                String s = STRUCTURE[rnd.nextInt(STRUCTURE.length)];
                what.append("insert '").append(s.replace("\n", "\\n").replace("\u0000", "\\0")).append("' @").append(at);
                return splice(b, at, 0, s.getBytes(StandardCharsets.UTF_8));
            }
            default -> {
                int at = rnd.nextInt(b.length + 1);
                int depth = 1 + rnd.nextInt(20_000);
                String open = rnd.nextBoolean() ? "[" : "{\"k\":";
                what.append("nest ").append(depth).append(" x '").append(open).append("' @").append(at);
                return splice(b, at, 0, open.repeat(depth).getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static byte[] truncate(byte[] b, Random rnd, StringBuilder what) {
        int at = rnd.nextInt(b.length);
        what.append("truncate @").append(at);
        return Arrays.copyOf(b, at);
    }

    private static byte[] replaceNumber(byte[] b, Random rnd, StringBuilder what) {
        List<int[]> runs = new ArrayList<>();
        for (int i = 0; i < b.length; i++) {
            if (b[i] >= '0' && b[i] <= '9') {
                int j = i;
                while (j < b.length && (b[j] >= '0' && b[j] <= '9' || b[j] == '.' || b[j] == '-' || b[j] == 'e')) {
                    j++;
                }
                runs.add(new int[] {i, j});
                i = j;
            }
        }
        String n = NUMBERS[rnd.nextInt(NUMBERS.length)];
        if (runs.isEmpty()) {
            what.append("append ").append(n);
            return splice(b, b.length, 0, n.getBytes(StandardCharsets.US_ASCII));
        }
        int[] r = runs.get(rnd.nextInt(runs.size()));
        what.append("number @").append(r[0]).append(" = ").append(n);
        return splice(b, r[0], r[1] - r[0], n.getBytes(StandardCharsets.US_ASCII));
    }

    /** Half the time in the first 256 bytes (headers), else anywhere. */
    private static int offset(int length, Random rnd) {
        return rnd.nextBoolean() ? rnd.nextInt(Math.min(length, 256)) : rnd.nextInt(length);
    }

    private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
        byte[] out = new byte[b.length - remove + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
        return out;
    }
}
