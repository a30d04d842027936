package io.voxtok.runtime.token;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.token.TokenMatrix;
import io.voxtok.api.token.TokenProducer;
import io.voxtok.modelio.AtomicFiles;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The SDK's token container ({@code .vtok}), one format for any tokenizer.
 *
 * <p>Layout (little-endian): 4 bytes magic {@code VTOK}; u16 format version (1); u16 reserved (0); u32 header
 * length; that many bytes of UTF-8 JSON header; then the codes in {@code [layer][item][frame]} order as int16
 * when the codebook has at most 32768 codes, else int32. The header records the producer (name, variant, weights
 * hash), sample rate, hop length, frame rate, first layer and number of layers, codebook size, batch size, frames,
 * valid frames per item, the code type, free-form string metadata (e.g. EnCodec's bandwidth) and the token matrix's
 * real-valued side information ({@code sideInfo}: name to one float array per item, e.g. EnCodec 48 kHz's
 * per-segment scales; floats are written with enough digits to read back bit-exactly). Metadata and side
 * information are written in key order, so identical tokens always give byte-identical files.
 *
 * <p>The reader trusts no declared size: the header length must fit in the file, the header must be exactly one
 * JSON object, and the codes the header declares (layers x batch x frames) must fill the rest of the file exactly,
 * so a header and body that disagree are refused instead of decoding shifted codes, and nothing is allocated from
 * a declared count before the file is known to hold it.
 */
public final class TokenFile {
    /** Current format version. */
    public static final int VERSION = 1;
    private static final byte[] MAGIC = {'V', 'T', 'O', 'K'};
    private static final ObjectMapper JSON = new ObjectMapper()
            // a header length that runs into the codes must not parse as the JSON followed by ignored bytes
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private TokenFile() {
    }

    /** True when {@code path} looks like a token container (by magic). */
    public static boolean isTokenFile(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] m = in.readNBytes(4);
            return java.util.Arrays.equals(m, MAGIC);
        } catch (IOException e) {
            return false;
        }
    }

    /** Writes {@code contents} to {@code path} atomically. */
    public static void write(Path path, TokenFileContents contents) {
        TokenMatrix t = contents.tokens();
        ObjectNode h = JSON.createObjectNode();
        h.put("format", "voxtok-tokens");
        h.put("version", VERSION);
        ObjectNode p = h.putObject("producer");
        p.put("name", t.producer().name());
        p.put("variant", t.producer().variant());
        p.put("weightsHash", t.producer().weightsHash());
        h.put("sampleRate", contents.sampleRate());
        h.put("hopLength", contents.hopLength());
        h.put("frameRate", t.frameRate());
        h.put("firstLayer", t.firstLayer());
        h.put("layers", t.layers());
        h.put("codebookSize", t.codebookSize());
        h.put("batch", t.batchSize());
        h.put("frames", t.frames());
        ArrayNode v = h.putArray("validFrames");
        for (int f : t.validFrames()) {
            v.add(f);
        }
        boolean wide = t.codebookSize() > 32768;
        h.put("codeType", wide ? "int32" : "int16");
        ObjectNode meta = h.putObject("metadata");
        // Sorted: TokenFileContents holds an immutable Map whose iteration order changes from one JVM run to the
        // next, and identical inputs must give byte-identical files (caching, checksums, reproducible builds).
        new TreeMap<>(contents.metadata()).forEach(meta::put);
        ObjectNode side = h.putObject("sideInfo");
        new TreeMap<>(t.sideInfo()).forEach((name, perItem) -> {
            ArrayNode items = side.putArray(name);
            for (float[] row : perItem) {
                ArrayNode r = items.addArray();
                for (float f : row) {
                    r.add(f);
                }
            }
        });
        byte[] header = h.toString().getBytes(StandardCharsets.UTF_8);
        int[] codes = t.toArray();
        AtomicFiles.write(path, out -> {
            ByteBuffer pre = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            pre.put(MAGIC).putShort((short) VERSION).putShort((short) 0).putInt(header.length);
            out.write(pre.array());
            out.write(header);
            ByteBuffer body = ByteBuffer.allocate(codes.length * (wide ? 4 : 2)).order(ByteOrder.LITTLE_ENDIAN);
            for (int c : codes) {
                if (wide) {
                    body.putInt(c);
                } else {
                    body.putShort((short) c);
                }
            }
            out.write(body.array());
        });
    }

    /** Reads a container; every problem is reported with the file name. */
    public static TokenFileContents read(Path path) {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(path)))) {
            long fileSize = Files.size(path);
            byte[] pre = in.readNBytes(12);
            if (pre.length < 12 || !java.util.Arrays.equals(java.util.Arrays.copyOf(pre, 4), MAGIC)) {
                throw bad(path, "not a Voxtok token file (missing VTOK magic)");
            }
            ByteBuffer b = ByteBuffer.wrap(pre).order(ByteOrder.LITTLE_ENDIAN);
            b.position(4);
            int version = b.getShort() & 0xffff;
            b.getShort();
            int headerLength = b.getInt();
            if (version > VERSION) {
                throw bad(path, "token file format version " + version + " is newer than this Voxtok supports ("
                        + VERSION + "); upgrade Voxtok");
            }
            if (headerLength <= 0 || headerLength > (1 << 24)) {
                throw bad(path, "corrupt header length " + headerLength);
            }
            if (12L + headerLength > fileSize) {
                throw bad(path, "truncated header: header length " + headerLength + " runs past the end of the file ("
                        + fileSize + " bytes)");
            }
            byte[] header = in.readNBytes(headerLength);
            if (header.length != headerLength) {
                throw bad(path, "truncated header");
            }
            JsonNode h;
            try {
                h = JSON.readTree(header);
            } catch (JsonProcessingException e) {
                throw bad(path, "header is not one JSON object within its declared length " + headerLength
                        + " (" + e.getOriginalMessage() + ")");
            }
            if (h == null || !h.isObject()) {
                throw bad(path, "header is not a JSON object");
            }
            TokenProducer producer = new TokenProducer(text(path, h.path("producer"), "name"),
                    text(path, h.path("producer"), "variant"), text(path, h.path("producer"), "weightsHash"));
            int layers = integer(path, h, "layers");
            int batch = integer(path, h, "batch");
            int frames = integer(path, h, "frames");
            int codebook = integer(path, h, "codebookSize");
            long n = (long) layers * batch * frames;
            if (layers <= 0 || batch <= 0 || frames < 0 || n > Integer.MAX_VALUE) {
                throw bad(path, "invalid shape " + layers + "x" + batch + "x" + frames);
            }
            String codeType = h.path("codeType").asText();
            if (!codeType.equals("int16") && !codeType.equals("int32")) {
                throw bad(path, "header field codeType must be int16 or int32, got '" + codeType + "'");
            }
            boolean wide = codeType.equals("int32");
            // Checked against the file before anything is sized from the header's counts.
            long bodyBytes = fileSize - 12 - headerLength;
            long expectedBytes = n * (wide ? 4 : 2);
            if (bodyBytes < expectedBytes) {
                throw bad(path, "truncated codes: header declares " + layers + "x" + batch + "x" + frames + " = " + n
                        + " " + codeType + " codes (" + expectedBytes + " bytes) but " + bodyBytes + " follow it");
            }
            if (bodyBytes > expectedBytes) {
                throw bad(path, "header field frames/batch/layers disagrees with the body: " + layers + "x" + batch
                        + "x" + frames + " = " + n + " " + codeType + " codes (" + expectedBytes + " bytes) but "
                        + bodyBytes + " bytes follow the header");
            }
            JsonNode v = h.path("validFrames");
            // v.size() is bounded by the header's length: compare before allocating from the declared batch
            if (!v.isArray() || v.size() != batch) {
                throw bad(path, "validFrames must list " + batch + " values");
            }
            int[] valid = new int[batch];
            for (int i = 0; i < batch; i++) {
                valid[i] = v.get(i).asInt();
            }
            byte[] body = in.readNBytes((int) expectedBytes);
            if (body.length != expectedBytes) {
                throw bad(path, "truncated codes: expected " + n + " codes");
            }
            ByteBuffer bb = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
            int[] codes = new int[(int) n];
            for (int i = 0; i < codes.length; i++) {
                codes[i] = wide ? bb.getInt() : (bb.getShort() & 0xffff);
            }
            Map<String, String> meta = new LinkedHashMap<>();
            h.path("metadata").fields().forEachRemaining(e -> meta.put(e.getKey(), e.getValue().asText()));
            java.util.Map<String, float[][]> side = new java.util.TreeMap<>();
            java.util.Iterator<java.util.Map.Entry<String, JsonNode>> it = h.path("sideInfo").fields();
            while (it.hasNext()) {
                java.util.Map.Entry<String, JsonNode> e = it.next();
                JsonNode items = e.getValue();
                if (!items.isArray() || items.size() != batch) {
                    throw bad(path, "sideInfo." + e.getKey() + " must hold one array per item (" + batch + ")");
                }
                float[][] values = new float[batch][];
                for (int i = 0; i < batch; i++) {
                    JsonNode row = items.get(i);
                    if (!row.isArray()) {
                        throw bad(path, "sideInfo." + e.getKey() + "[" + i + "] is not an array");
                    }
                    values[i] = new float[row.size()];
                    for (int j = 0; j < row.size(); j++) {
                        if (!row.get(j).isNumber()) {
                            throw bad(path, "sideInfo." + e.getKey() + "[" + i + "][" + j + "] is not a number");
                        }
                        values[i][j] = row.get(j).floatValue();
                    }
                }
                side.put(e.getKey(), values);
            }
            TokenMatrix t;
            try {
                t = TokenMatrix.of(codes, layers, batch, frames, integer(path, h, "firstLayer"), codebook,
                        h.path("frameRate").asDouble(), valid, producer);
                for (java.util.Map.Entry<String, float[][]> e : side.entrySet()) {
                    t = t.withSideInfo(e.getKey(), e.getValue());
                }
            } catch (IllegalArgumentException e) {
                throw bad(path, e.getMessage());
            }
            return new TokenFileContents(t, integer(path, h, "sampleRate"), integer(path, h, "hopLength"), meta);
        } catch (NoSuchFileException e) {
            throw new VoxtokException(ErrorKind.USER_INPUT, path + ": file not found");
        } catch (EOFException e) {
            throw bad(path, "truncated file");
        } catch (IOException e) {
            throw new VoxtokException(ErrorKind.USER_INPUT, path + ": cannot read token file: " + e.getMessage(), e);
        }
    }

    private static String text(Path path, JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw bad(path, "header field producer." + field + " is missing");
        }
        return v.asText();
    }

    private static int integer(Path path, JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.canConvertToInt()) {
            throw bad(path, "header field " + field + " is missing or not an integer");
        }
        return v.asInt();
    }

    private static VoxtokException bad(Path path, String what) {
        return new VoxtokException(ErrorKind.USER_INPUT, path + ": " + what);
    }
}
