package io.voxtok.modelio;

import io.voxtok.api.VoxtokException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0) holding one C-ordered array of float16/32/64,
 * int8/16/32/64, uint8 or bool. Reading accepts little- and big-endian data; writing produces version 1.0 (2.0 when
 * the header needs it), little-endian, with the 64-byte header alignment numpy uses, through a temporary file.
 */
public final class NpyFile {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Map<String, DType> TYPES = Map.of("f2", DType.FLOAT16, "f4", DType.FLOAT32,
            "f8", DType.FLOAT64, "i1", DType.INT8, "i2", DType.INT16, "i4", DType.INT32, "i8", DType.INT64,
            "u1", DType.UINT8, "b1", DType.BOOL);

    private NpyFile() {
    }

    /**
     * Reads the array of a {@code .npy} file.
     *
     * @throws VoxtokException (USER_INPUT) naming the file when it is not a supported {@code .npy} file
     */
    public static Tensor read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer pre = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, pre, 0, file);
            for (int i = 0; i < MAGIC.length; i++) {
                if (pre.get(i) != MAGIC[i]) {
                    throw bad(file, "it does not start with the \\x93NUMPY magic, so it is not a .npy file");
                }
            }
            int major = pre.get(6) & 0xff;
            long headerLen;
            long headerStart;
            if (major == 1) {
                headerLen = pre.getShort(8) & 0xffff;
                headerStart = 10;
            } else if (major == 2 || major == 3) {
                headerLen = pre.getInt(8) & 0xffffffffL;
                headerStart = 12;
            } else {
                throw bad(file, "its format version " + major + "." + (pre.get(7) & 0xff) + " is not supported "
                        + "(1.0, 2.0 and 3.0 are)");
            }
            if (headerStart + headerLen > size || headerLen > (1 << 24)) {
                throw bad(file, "its header length " + headerLen + " runs past the end of the file");
            }
            ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
            readFully(ch, hb, headerStart, file);
            String header = new String(hb.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            Map<String, Object> dict = parseHeader(header, file);
            if (!(dict.get("descr") instanceof String descr)) {
                throw bad(file, "its dtype " + dict.get("descr") + " is not supported (structured arrays are not; "
                        + "plain " + TYPES.keySet() + " are)");
            }
            if (!(dict.get("fortran_order") instanceof Boolean fortran)) {
                throw bad(file, "its header lacks 'fortran_order'");
            }
            if (!(dict.get("shape") instanceof List<?> dims)) {
                throw bad(file, "its header lacks a 'shape' tuple");
            }
            long[] shape = new long[dims.size()];
            for (int i = 0; i < shape.length; i++) {
                if (!(dims.get(i) instanceof Long d) || d < 0) {
                    throw bad(file, "its shape " + dims + " is not a tuple of non-negative integers");
                }
                shape[i] = d;
            }
            boolean bigEndian = descr.startsWith(">");
            String code = descr.length() == 3 && "<>|=".indexOf(descr.charAt(0)) >= 0 ? descr.substring(1) : descr;
            DType dtype = TYPES.get(code);
            if (dtype == null || (descr.startsWith("|") && dtype.bytes() > 1)) {
                throw bad(file, "its dtype '" + descr + "' is not supported (supported: " + TYPES.keySet()
                        + " with '<', '>' or '|')");
            }
            long bytes;
            try {
                // exact: Tensor.numel wraps around, and a wrapped product (2^32 x 2^32 = 0) would pass the size check
                bytes = dtype.bytes();
                for (long d : shape) {
                    bytes = Math.multiplyExact(bytes, d);
                }
            } catch (ArithmeticException e) {
                throw bad(file, "its shape " + Arrays.toString(shape) + " has more bytes than a file can hold");
            }
            long dataStart = headerStart + headerLen;
            if (size - dataStart < bytes) {
                throw bad(file, "its " + Arrays.toString(shape) + " " + descr + " array needs " + bytes
                        + " data bytes but the file has " + (size - dataStart) + " (truncated?)");
            }
            if (bytes > Integer.MAX_VALUE) {
                throw bad(file, "its array is larger than 2 GiB, which one Java buffer cannot hold");
            }
            ByteBuffer data = ByteBuffer.allocate((int) bytes);
            readFully(ch, data, dataStart, file);
            if (bigEndian) {
                TorchZipReader.swapBytes(data.array(), dtype.bytes());
            }
            if (fortran && shape.length > 1) {
                // numpy writes a Fortran-contiguous array's buffer column-major; reorder to row-major.
                return new Tensor(dtype, shape, ByteBuffer.wrap(toRowMajor(data.array(), shape, dtype.bytes())));
            }
            return new Tensor(dtype, shape, data.flip());
        } catch (IOException e) {
            throw VoxtokException.userInput("cannot read " + file + ": " + e);
        }
    }

    /** Reorders column-major element bytes to row-major for the given shape. */
    static byte[] toRowMajor(byte[] columnMajor, long[] shape, int elementBytes) {
        int n = Math.toIntExact(Tensor.numel(shape));
        int rank = shape.length;
        long[] fStride = new long[rank];
        long st = 1;
        for (int k = 0; k < rank; k++) {
            fStride[k] = st;
            st *= shape[k];
        }
        byte[] out = new byte[columnMajor.length];
        int[] idx = new int[rank];
        for (int c = 0; c < n; c++) {
            long f = 0;
            for (int k = 0; k < rank; k++) {
                f += idx[k] * fStride[k];
            }
            System.arraycopy(columnMajor, (int) f * elementBytes, out, c * elementBytes, elementBytes);
            for (int k = rank - 1; k >= 0; k--) {
                if (++idx[k] < shape[k]) {
                    break;
                }
                idx[k] = 0;
            }
        }
        return out;
    }

    /**
     * Writes a tensor as a little-endian, C-ordered {@code .npy} file, atomically.
     *
     * @throws VoxtokException (USER_INPUT) for bfloat16, which numpy has no type for
     */
    public static void write(Path file, Tensor tensor) {
        String descr = switch (tensor.dtype()) {
            case FLOAT16 -> "<f2";
            case FLOAT32 -> "<f4";
            case FLOAT64 -> "<f8";
            case INT64 -> "<i8";
            case INT32 -> "<i4";
            case INT16 -> "<i2";
            case INT8 -> "|i1";
            case UINT8 -> "|u1";
            case BOOL -> "|b1";
            case BFLOAT16 -> throw VoxtokException.userInput("cannot write " + file + ": .npy has no bfloat16 type; "
                    + "convert the tensor to float32 first");
        };
        long[] shape = tensor.shape();
        StringBuilder dims = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            dims.append(i > 0 ? ", " : "").append(shape[i]);
        }
        if (shape.length == 1) {
            dims.append(',');
        }
        StringBuilder header = new StringBuilder("{'descr': '" + descr + "', 'fortran_order': False, 'shape': ("
                + dims + "), }");
        int major = header.length() + 11 > 65535 ? 2 : 1;
        int prefix = major == 1 ? 10 : 12;
        // numpy pads with spaces and ends with '\n' so the data starts 64-byte aligned.
        while ((prefix + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        byte[] hb = header.toString().getBytes(StandardCharsets.ISO_8859_1);
        AtomicFiles.write(file, out -> {
            ByteBuffer pre = ByteBuffer.allocate(prefix).order(ByteOrder.LITTLE_ENDIAN);
            pre.put(MAGIC).put((byte) major).put((byte) 0);
            if (major == 1) {
                pre.putShort((short) hb.length);
            } else {
                pre.putInt(hb.length);
            }
            out.write(pre.array());
            out.write(hb);
            ByteBuffer data = tensor.data();
            var ch = Channels.newChannel(out);
            while (data.hasRemaining()) {
                ch.write(data);
            }
            out.flush();
        });
    }

    /** Parses the Python dict literal of a header: string keys; string, boolean or int-tuple values. */
    private static Map<String, Object> parseHeader(String header, Path file) {
        HeaderParser p = new HeaderParser(header.strip(), file);
        Object value = p.value();
        if (!(value instanceof Map<?, ?>)) {
            throw bad(file, "its header is not a dict: " + HeaderParser.quote(header.strip()));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value;
        return map;
    }

    /**
     * Tokeniser for the tiny subset of Python literals numpy writes in headers. Numpy nests two levels (a dict
     * holding a shape tuple); the depth is bounded so that a header of thousands of brackets is a one-line error,
     * not a StackOverflowError.
     */
    private static final class HeaderParser {
        /** Deepest nesting accepted: numpy needs 2; a little room for structured dtypes' descr lists. */
        static final int MAX_DEPTH = 8;
        /** How much of the header an error message quotes: it must stay one short line. */
        private static final int QUOTE_CHARS = 80;
        private final String s;
        private final Path file;
        private int pos;
        private int depth;

        HeaderParser(String s, Path file) {
            this.s = s;
            this.file = file;
        }

        Object value() {
            skip();
            if (pos >= s.length()) {
                throw error();
            }
            char c = s.charAt(pos);
            if ((c == '{' || c == '(' || c == '[') && depth >= MAX_DEPTH) {
                throw bad(file, "its header nests deeper than " + MAX_DEPTH + " levels (at character " + pos + ")");
            }
            if (c == '{') {
                pos++;
                depth++;
                Map<String, Object> map = new LinkedHashMap<>();
                while (true) {
                    skip();
                    if (peek() == '}') {
                        pos++;
                        depth--;
                        return map;
                    }
                    Object key = value();
                    skip();
                    if (peek() != ':') {
                        throw error();
                    }
                    pos++;
                    map.put(String.valueOf(key), value());
                    separator('}');
                }
            }
            if (c == '(' || c == '[') {
                char close = c == '(' ? ')' : ']';
                pos++;
                depth++;
                List<Object> list = new ArrayList<>();
                while (true) {
                    skip();
                    if (peek() == close) {
                        pos++;
                        depth--;
                        return list;
                    }
                    list.add(value());
                    separator(close);
                }
            }
            if (c == '\'' || c == '"') {
                int end = s.indexOf(c, pos + 1);
                if (end < 0) {
                    throw error();
                }
                String str = s.substring(pos + 1, end);
                pos = end + 1;
                return str;
            }
            int start = pos;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '-')) {
                pos++;
            }
            String word = s.substring(start, pos);
            switch (word) {
                case "True" -> {
                    return Boolean.TRUE;
                }
                case "False" -> {
                    return Boolean.FALSE;
                }
                default -> {
                    try {
                        // numpy on some platforms writes 3L in shapes (Python 2 longs).
                        return Long.parseLong(word.endsWith("L") ? word.substring(0, word.length() - 1) : word);
                    } catch (NumberFormatException e) {
                        throw error();
                    }
                }
            }
        }

        private void separator(char close) {
            skip();
            if (peek() == ',') {
                pos++;
            } else if (peek() != close) {
                throw error();
            }
        }

        private char peek() {
            return pos < s.length() ? s.charAt(pos) : '\0';
        }

        private void skip() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        /** The start of a header, on one line, for an error message. */
        static String quote(String header) {
            String q = header.length() <= QUOTE_CHARS ? header : header.substring(0, QUOTE_CHARS) + "...";
            return q.replaceAll("\\p{Cntrl}", "?");
        }

        private VoxtokException error() {
            return bad(file, "its header is not a dict literal numpy writes (at character " + pos + "): "
                    + quote(s));
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position, Path file) throws IOException {
        long start = position - buf.position();
        while (buf.hasRemaining()) {
            if (ch.read(buf, start + buf.position()) < 0) {
                throw bad(file, "it ends early (truncated?)");
            }
        }
    }

    private static VoxtokException bad(Path file, String problem) {
        return VoxtokException.userInput("cannot read .npy file " + file + ": " + problem);
    }
}
