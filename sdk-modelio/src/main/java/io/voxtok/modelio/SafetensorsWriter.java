package io.voxtok.modelio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes tensors as a {@code .safetensors} file (header JSON padded with spaces to a multiple of 8 bytes, then the
 * data in map order). The file is written to a temporary sibling and moved into place.
 */
public final class SafetensorsWriter {
    private SafetensorsWriter() {
    }

    /** Writes the tensors of a state dict, in its key order. */
    public static void write(Path file, StateDict dict) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (String key : dict.keys()) {
            tensors.put(key, dict.get(key));
        }
        write(file, tensors, Map.of());
    }

    /** Writes the tensors in map order. */
    public static void write(Path file, Map<String, Tensor> tensors) {
        write(file, tensors, Map.of());
    }

    /**
     * Writes the tensors in map order with string metadata ({@code __metadata__}, keys sorted so that equal inputs
     * give byte-identical files).
     *
     * @throws io.voxtok.api.VoxtokException (ENVIRONMENT) when the file cannot be written
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) {
        StringBuilder json = new StringBuilder("{");
        if (!metadata.isEmpty()) {
            json.append("\"__metadata__\":{");
            String sep = "";
            // Sorted keys: the same metadata gives byte-identical files whatever map the caller built it in.
            for (Map.Entry<String, String> e : new TreeMap<>(metadata).entrySet()) {
                json.append(sep).append(Json.quote(e.getKey())).append(':').append(Json.quote(e.getValue()));
                sep = ",";
            }
            json.append('}');
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            if (e.getKey().equals("__metadata__")) {
                throw new IllegalArgumentException("'__metadata__' is reserved and cannot name a tensor");
            }
            Tensor t = e.getValue();
            long bytes = t.numel() * t.dtype().bytes();
            json.append(json.length() > 1 ? "," : "").append(Json.quote(e.getKey()))
                    .append(":{\"dtype\":\"").append(SafetensorsReader.dtypeName(t.dtype())).append("\",\"shape\":[");
            long[] shape = t.shape();
            for (int i = 0; i < shape.length; i++) {
                json.append(i > 0 ? "," : "").append(shape[i]);
            }
            json.append("],\"data_offsets\":[").append(offset).append(',').append(offset + bytes).append("]}");
            offset += bytes;
        }
        json.append('}');
        // Pad so the data starts 8-byte aligned, as the format recommends.
        while ((json.toString().getBytes(StandardCharsets.UTF_8).length % 8) != 0) {
            json.append(' ');
        }
        byte[] header = json.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length);
            out.write(len.array());
            out.write(header);
            WritableByteChannel ch = Channels.newChannel(out);
            for (Tensor t : tensors.values()) {
                ByteBuffer data = t.data();
                while (data.hasRemaining()) {
                    ch.write(data);
                }
            }
            out.flush();
        });
    }
}
