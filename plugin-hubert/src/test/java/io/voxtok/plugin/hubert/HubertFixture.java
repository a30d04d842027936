package io.voxtok.plugin.hubert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.ComponentContext;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.backend.BackendSpec;
import io.voxtok.modelio.NpyFile;
import io.voxtok.modelio.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Shared test helpers: the HuBERT fixture directory, its WAV inputs and expected arrays, a test context. */
public final class HubertFixture {
    /** Utterance names of the fixture. */
    public static final String[] UTTS = {"utt1", "utt2", "utt3"};

    private HubertFixture() {
    }

    /** The fixture directory; fails (never skips) when missing. */
    public static Path dir() {
        String shared = System.getProperty("voxtok.shared");
        assertTrue(shared != null, "system property voxtok.shared is not set (surefire sets it)");
        Path d = Path.of(shared, "fixtures", "parity", "hubert");
        assertTrue(Files.isDirectory(d), "missing fixture directory " + d);
        return d;
    }

    /** A committed test asset under src/test/resources/hubert. */
    public static Path resource(String name) {
        Path p = Path.of(System.getProperty("voxtok.root", "."), "plugin-hubert", "src", "test", "resources", "hubert", name);
        if (!Files.isRegularFile(p)) {
            p = Path.of("src", "test", "resources", "hubert", name);
        }
        assertTrue(Files.isRegularFile(p), "missing test asset " + p);
        return p;
    }

    /** Samples of a 16-bit PCM mono WAV as int16 / 32768 (the fixture's input rule). */
    public static float[] wav(String utt) {
        try {
            byte[] b = Files.readAllBytes(dir().resolve(utt + "_16k.wav"));
            ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
            int pos = 12;
            while (pos + 8 <= b.length) {
                String id = new String(b, pos, 4, java.nio.charset.StandardCharsets.US_ASCII);
                int size = bb.getInt(pos + 4);
                if (id.equals("fmt ")) {
                    assertEquals(1, bb.getShort(pos + 8), "PCM");
                    assertEquals(1, bb.getShort(pos + 10), "mono");
                    assertEquals(16_000, bb.getInt(pos + 12), "16 kHz");
                    assertEquals(16, bb.getShort(pos + 22), "16-bit");
                } else if (id.equals("data")) {
                    float[] x = new float[size / 2];
                    for (int i = 0; i < x.length; i++) {
                        x[i] = bb.getShort(pos + 8 + 2 * i) / 32768f;
                    }
                    return x;
                }
                pos += 8 + size + (size & 1);
            }
            throw new AssertionError("no data chunk in " + utt);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The fixture audio as a buffer. */
    public static AudioBuffer audio(String utt) {
        return AudioBuffer.ofMono(wav(utt), 16_000);
    }

    /**
     * An expected array. The fixture's {@code *_cnn_features.npy} are stored in Fortran order, which
     * {@link NpyFile} refuses; those are read here (little-endian float32 only) and reordered to row-major.
     */
    public static Tensor expected(String name) {
        Path file = dir().resolve("expected").resolve(name);
        try {
            byte[] b = Files.readAllBytes(file);
            int headerLen = (b[8] & 0xff) | (b[9] & 0xff) << 8;
            String header = new String(b, 10, headerLen, java.nio.charset.StandardCharsets.US_ASCII);
            if (!header.contains("'fortran_order': True")) {
                return NpyFile.read(file);
            }
            assertTrue(header.contains("'descr': '<f4'"), header);
            String dims = header.substring(header.indexOf("'shape': (") + 10, header.indexOf(')', header.indexOf("'shape'")));
            long[] shape = Arrays.stream(dims.split(",")).map(String::trim).filter(s -> !s.isEmpty()).mapToLong(Long::parseLong).toArray();
            int n = (int) Tensor.numel(shape);
            ByteBuffer data = ByteBuffer.wrap(b, 10 + headerLen, n * 4).slice().order(ByteOrder.LITTLE_ENDIAN);
            float[] rowMajor = new float[n];
            int[] idx = new int[shape.length];
            for (int r = 0; r < n; r++) {
                // column-major offset of the multi-index idx (first axis fastest)
                long off = 0;
                long stride = 1;
                for (int a = 0; a < shape.length; a++) {
                    off += idx[a] * stride;
                    stride *= shape[a];
                }
                rowMajor[r] = data.getFloat((int) off * 4);
                for (int a = shape.length - 1; a >= 0; a--) {
                    if (++idx[a] < shape[a]) {
                        break;
                    }
                    idx[a] = 0;
                }
            }
            return Tensor.ofFloats(rowMajor, shape);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Asserts element-wise |got - want| <= atol, reporting the worst element. */
    public static void assertClose(float[] want, float[] got, double atol, String what) {
        assertEquals(want.length, got.length, what + ": length");
        double worst = 0;
        int at = -1;
        for (int i = 0; i < want.length; i++) {
            double d = Math.abs((double) want[i] - got[i]);
            if (!(d <= worst)) {
                worst = d;
                at = i;
            }
        }
        assertTrue(worst <= atol, what + ": max |diff| " + worst + " at " + at + " > " + atol);
    }

    /** Asserts shape equality. */
    public static void assertShape(long[] want, Tensor t) {
        assertArrayEquals(want, t.shape(), Arrays.toString(t.shape()));
    }

    /** A component context on the given backend (no services, no other components). */
    public static ComponentContext context(BackendSpec backend) {
        return new io.voxtok.testkit.TestComponentContext(backend);
    }
}
