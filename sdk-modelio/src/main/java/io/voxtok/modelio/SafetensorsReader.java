package io.voxtok.modelio;

import io.voxtok.api.VoxtokException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a {@code .safetensors} file: an 8-byte little-endian header length, a JSON header mapping each tensor name to
 * its {@code dtype}, {@code shape} and {@code data_offsets} (relative to the end of the header), then the data.
 * Tensors are memory-mapped, not copied. {@code __metadata__} is ignored.
 */
public final class SafetensorsReader {
    /** Largest header accepted; real headers are kilobytes, so anything bigger is a corrupt or hostile file. */
    static final long MAX_HEADER_BYTES = 100L << 20;

    static final Map<String, DType> DTYPES = Map.of("F32", DType.FLOAT32, "F64", DType.FLOAT64, "F16", DType.FLOAT16,
            "BF16", DType.BFLOAT16, "I64", DType.INT64, "I32", DType.INT32, "I16", DType.INT16, "I8", DType.INT8,
            "U8", DType.UINT8, "BOOL", DType.BOOL);

    private SafetensorsReader() {
    }

    /** The safetensors name of a dtype ({@code F32}, {@code BF16}, ...). */
    static String dtypeName(DType dtype) {
        return DTYPES.entrySet().stream().filter(e -> e.getValue() == dtype).findFirst().orElseThrow().getKey();
    }

    /**
     * True when the first bytes of a file of the given size look like a safetensors header: a plausible length
     * followed by '{'.
     */
    static boolean looksLikeSafetensors(byte[] head, long fileSize) {
        if (head.length < 9) {
            return false;
        }
        long n = ByteBuffer.wrap(head, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        return n >= 2 && n <= fileSize - 8 && head[8] == '{';
    }

    /**
     * Reads every tensor in header order.
     *
     * @throws VoxtokException (USER_INPUT) naming the file, and the tensor where one is at fault
     */
    public static LinkedHashMap<String, Tensor> read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw bad(file, "it is only " + size + " bytes long, shorter than the 8-byte header length");
            }
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lenBuf, 0);
            long headerLen = lenBuf.getLong(0);
            if (headerLen < 2 || headerLen > MAX_HEADER_BYTES || headerLen > size - 8) {
                throw bad(file, "its header length field says " + Long.toUnsignedString(headerLen)
                        + " bytes but the file is " + size + " bytes (not a safetensors file, or truncated)");
            }
            ByteBuffer headerBuf = ByteBuffer.allocate((int) headerLen);
            readFully(ch, headerBuf, 8);
            String json;
            try {
                json = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .decode(headerBuf.flip()).toString();
            } catch (CharacterCodingException e) {
                throw bad(file, "its header is not valid UTF-8");
            }
            Object parsed;
            try {
                parsed = Json.parse(json, "header");
            } catch (VoxtokException e) {
                throw bad(file, "its " + e.getMessage());
            }
            if (!(parsed instanceof Map<?, ?> header)) {
                throw bad(file, "its header is not a JSON object");
            }
            long dataStart = 8 + headerLen;
            long dataSize = size - dataStart;
            ByteBuffer whole = dataSize <= Integer.MAX_VALUE
                    ? ch.map(FileChannel.MapMode.READ_ONLY, dataStart, dataSize) : null;
            LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
            TreeMap<Long, String> byBegin = new TreeMap<>();
            for (Map.Entry<?, ?> e : header.entrySet()) {
                String name = (String) e.getKey();
                if (name.equals("__metadata__")) {
                    continue;
                }
                Tensor t = tensor(file, ch, name, e.getValue(), dataStart, dataSize, whole);
                out.put(name, t);
                long begin = ((Number) ((List<?>) ((Map<?, ?>) e.getValue()).get("data_offsets")).get(0)).longValue();
                if (t.numel() > 0 && byBegin.put(begin, name) != null) {
                    throw badTensor(file, name, "its data starts at byte " + begin + " of the data, where tensor '"
                            + byBegin.get(begin) + "' also starts");
                }
            }
            checkContiguous(file, header, byBegin, dataSize);
            return out;
        } catch (IOException e) {
            throw VoxtokException.userInput("cannot read " + file + ": " + e);
        }
    }

    /**
     * The tensors must tile the data section exactly, as the safetensors format requires: a gap, an overlap or
     * bytes left over mean the header and data disagree (a header length one byte off shifts every tensor and
     * would otherwise read as garbage).
     */
    private static void checkContiguous(Path file, Map<?, ?> header, TreeMap<Long, String> byBegin,
                                        long dataSize) {
        long expected = 0;
        for (Map.Entry<Long, String> e : byBegin.entrySet()) {
            if (e.getKey() != expected) {
                throw badTensor(file, e.getValue(), "its data_offsets start at byte " + e.getKey() + " but the "
                        + "tensor before it ends at byte " + expected + " (the data must be contiguous)");
            }
            Object offsets = ((Map<?, ?>) header.get(e.getValue())).get("data_offsets");
            expected = ((Number) ((List<?>) offsets).get(1)).longValue();
        }
        if (expected != dataSize) {
            throw bad(file, "its tensors cover " + expected + " data bytes but the file holds " + dataSize
                    + " after the header (wrong header length field, truncated or padded file)");
        }
    }

    private static Tensor tensor(Path file, FileChannel ch, String name, Object info, long dataStart, long dataSize,
                                 ByteBuffer whole) throws IOException {
        if (!(info instanceof Map<?, ?> m)) {
            throw badTensor(file, name, "its header entry is not an object");
        }
        if (!(m.get("dtype") instanceof String dtypeName)) {
            throw badTensor(file, name, "it has no \"dtype\" string");
        }
        DType dtype = DTYPES.get(dtypeName);
        if (dtype == null) {
            throw badTensor(file, name, "its dtype " + dtypeName + " is not supported (supported: "
                    + new java.util.TreeSet<>(DTYPES.keySet()) + ")");
        }
        long[] shape = longs(file, name, m.get("shape"), "shape", -1);
        long[] offsets = longs(file, name, m.get("data_offsets"), "data_offsets", 2);
        long begin = offsets[0];
        long end = offsets[1];
        if (begin < 0 || end < begin || end > dataSize) {
            throw badTensor(file, name, "its data_offsets [" + begin + ", " + end + "] fall outside the "
                    + dataSize + " data bytes of the file (truncated?)");
        }
        long numel = 1;
        for (long d : shape) {
            if (d < 0) {
                throw badTensor(file, name, "its shape has a negative dimension");
            }
        }
        long bytes;
        try {
            for (long d : shape) {
                numel = Math.multiplyExact(numel, d);
            }
            bytes = Math.multiplyExact(numel, (long) dtype.bytes());
        } catch (ArithmeticException e) {
            // Unchecked, the product would wrap around and could even match the offsets.
            throw badTensor(file, name, "its shape " + java.util.Arrays.toString(shape) + " of " + dtypeName
                    + " needs more bytes than a long can count");
        }
        if (end - begin != bytes) {
            throw badTensor(file, name, "its data_offsets span " + (end - begin) + " bytes but shape "
                    + java.util.Arrays.toString(shape) + " of " + dtypeName + " needs " + bytes);
        }
        if (end - begin > Integer.MAX_VALUE) {
            throw badTensor(file, name, "it is larger than 2 GiB, which one Java buffer cannot hold");
        }
        ByteBuffer data = whole != null
                ? whole.duplicate().position((int) begin).limit((int) end).slice()
                : ch.map(FileChannel.MapMode.READ_ONLY, dataStart + begin, end - begin);
        return new Tensor(dtype, shape, data);
    }

    private static long[] longs(Path file, String name, Object value, String field, int length) {
        if (!(value instanceof List<?> list) || (length >= 0 && list.size() != length)) {
            throw badTensor(file, name, "its \"" + field + "\" is not a list"
                    + (length >= 0 ? " of " + length + " integers" : " of integers"));
        }
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Long v)) {
                throw badTensor(file, name, "its \"" + field + "\" holds " + list.get(i) + ", not an integer");
            }
            out[i] = v;
        }
        return out;
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        while (buf.hasRemaining()) {
            if (ch.read(buf, position + buf.position()) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
    }

    private static VoxtokException bad(Path file, String problem) {
        return VoxtokException.userInput("cannot read safetensors file " + file + ": " + problem);
    }

    private static VoxtokException badTensor(Path file, String name, String problem) {
        return VoxtokException.userInput("cannot read tensor '" + name + "' of safetensors file " + file + ": "
                + problem);
    }
}
