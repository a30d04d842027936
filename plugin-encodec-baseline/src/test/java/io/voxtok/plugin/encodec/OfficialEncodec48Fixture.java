package io.voxtok.plugin.encodec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.voxtok.modelio.NpyFile;
import io.voxtok.modelio.Tensor;
import io.voxtok.nn.config.JsonConfig;
import io.voxtok.nn.config.JsonConfigReader;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The shared EnCodec 48 kHz parity fixture ({@code fixtures/parity/encodec48}: the official 48 kHz model at full
 * size with random weights, its segment layout, codes, scales and decoded audio) and helpers to read it. Fails,
 * never skips, when the fixture is missing.
 */
final class OfficialEncodec48Fixture {
    private OfficialEncodec48Fixture() {
    }

    /** The fixture directory. */
    static Path dir() {
        String shared = System.getProperty("voxtok.shared");
        assertTrue(shared != null, "system property voxtok.shared is not set (surefire sets it)");
        Path dir = Path.of(shared, "fixtures", "parity", "encodec48");
        assertTrue(Files.isRegularFile(dir.resolve("model.pt")), "EnCodec 48 kHz parity fixture missing at " + dir);
        return dir;
    }

    /** The manifest. */
    static JsonConfig manifest() {
        return JsonConfigReader.read(dir().resolve("manifest.json"));
    }

    /** One case of the manifest ({@code clip1}, ..., {@code edge}): samples, segments, decoded length. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> fixtureCase(String name) {
        Map<String, Object> cases = (Map<String, Object>) manifest().raw("cases").orElseThrow();
        Object c = cases.get(name);
        return c == null ? fail("no case " + name + " in the manifest") : (Map<String, Object>) c;
    }

    /** An integer field of a case. */
    static int intOf(Map<String, Object> map, String key) {
        return ((BigDecimal) map.get(key)).intValueExact();
    }

    /** The frames of each segment of a case, as the official {@code encode} made them. */
    @SuppressWarnings("unchecked")
    static int[] segmentFrames(String name) {
        List<Object> segments = (List<Object>) fixtureCase(name).get("segments");
        return segments.stream().mapToInt(s -> intOf((Map<String, Object>) s, "frames")).toArray();
    }

    /** The bandwidths (kbps) of a case. */
    @SuppressWarnings("unchecked")
    static double[] bandwidths(String name) {
        return ((List<Object>) fixtureCase(name).get("bandwidths")).stream()
                .mapToDouble(b -> ((BigDecimal) b).doubleValue()).toArray();
    }

    /** The manifest entry of an expected file with this {@code what} ({@code codes}, {@code decoded}, ...). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> entry(String file, String what) {
        for (Object o : (List<Object>) manifest().raw("expected").orElseThrow()) {
            Map<String, Object> e = (Map<String, Object>) o;
            if (file.equals(e.get("file")) && what.equals(e.get("what"))) {
                return e;
            }
        }
        return fail("no manifest entry for " + file + " (" + what + ")");
    }

    /** The suggested absolute tolerance of a float entry. */
    @SuppressWarnings("unchecked")
    static double atol(String file, String what) {
        Map<String, Object> tol = (Map<String, Object>) entry(file, what).get("tolerance");
        return ((BigDecimal) tol.get("suggested_atol")).doubleValue();
    }

    /** Fragile positions {@code [item, layer, frame]} of a codes entry. */
    @SuppressWarnings("unchecked")
    static List<int[]> fragile(String file) {
        List<int[]> out = new ArrayList<>();
        for (Object o : (List<Object>) entry(file, "codes").get("fragile_positions")) {
            List<Object> idx = (List<Object>) ((Map<String, Object>) o).get("index");
            out.add(new int[] {((BigDecimal) idx.get(0)).intValue(), ((BigDecimal) idx.get(1)).intValue(),
                ((BigDecimal) idx.get(2)).intValue()});
        }
        return out;
    }

    /** An expected array, e.g. {@code clip2_codes_bw6.0_seg1.npy}. */
    static Tensor expected(String name) {
        return NpyFile.read(dir().resolve("expected").resolve(name));
    }

    /** The first {@code samples} frames of a fixture stereo WAV, {@code [channel][sample] = int16 / 32768}. */
    static float[][] stereoWav(String name, int samples) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(dir().resolve(name));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int pos = 12;
        while (pos + 8 <= bytes.length) {
            String id = new String(bytes, pos, 4, StandardCharsets.US_ASCII);
            int size = b.getInt(pos + 4);
            if (id.equals("fmt ")) {
                assertEquals(1, b.getShort(pos + 8), "PCM format");
                assertEquals(2, b.getShort(pos + 10), "stereo");
                assertEquals(48000, b.getInt(pos + 12), "sample rate");
                assertEquals(16, b.getShort(pos + 22), "16-bit");
            } else if (id.equals("data")) {
                int frames = size / 4;
                assertTrue(samples <= frames, name + " has " + frames + " frames, not " + samples);
                float[][] out = new float[2][samples];
                for (int i = 0; i < samples; i++) {
                    out[0][i] = b.getShort(pos + 8 + 4 * i) / 32768.0f;
                    out[1][i] = b.getShort(pos + 10 + 4 * i) / 32768.0f;
                }
                return out;
            }
            pos += 8 + size + (size & 1);
        }
        return fail("no data chunk in " + name);
    }
}
