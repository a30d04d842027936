package io.voxtok.plugin.speechtokenizer.model;

import ai.djl.Device;
import io.voxtok.modelio.NpyFile;
import io.voxtok.modelio.Tensor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The shared SpeechTokenizer parity fixture ({@code <voxtok.shared>/fixtures/parity/speechtokenizer}). */
final class Fixture {
    private static SpeechTokenizerModel model;

    private Fixture() {
    }

    /** The fixture directory; fails (not skips) when the shared folder is missing. */
    static Path dir() {
        String shared = System.getProperty("voxtok.shared");
        if (shared == null) {
            fail("system property voxtok.shared is not set (surefire sets it to <root>/../shared)");
        }
        Path dir = Path.of(shared, "fixtures", "parity", "speechtokenizer");
        assertTrue(Files.isDirectory(dir), "missing parity fixture " + dir);
        return dir;
    }

    /** The fixture model, loaded once per test JVM and shared by the test classes (it is thread-safe). */
    static synchronized SpeechTokenizerModel model() {
        if (model == null) {
            model = SpeechTokenizerModel.load(dir(), Device.cpu());
        }
        return model;
    }

    /**
     * {@code expected/<name>.npy}. Three fixture files are stored in Fortran order, which
     * {@link NpyFile} refuses; those (little-endian float32 only) are reordered here.
     */
    static Tensor expected(String name) {
        Path file = dir().resolve("expected").resolve(name + ".npy");
        String header = npyHeader(file);
        if (!header.contains("'fortran_order': True")) {
            return NpyFile.read(file);
        }
        assertTrue(header.contains("'descr': '<f4'"), file + ": only float32 Fortran-order files are handled");
        String dims = header.replaceAll(".*'shape': \\(([0-9, ]*)\\).*", "$1");
        long[] shape = Arrays.stream(dims.split(",")).map(String::trim).filter(d -> !d.isEmpty())
                .mapToLong(Long::parseLong).toArray();
        byte[] bytes = readAll(file);
        int headerLen = ByteBuffer.wrap(bytes, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xffff;
        java.nio.FloatBuffer data = ByteBuffer.wrap(bytes, 10 + headerLen, bytes.length - 10 - headerLen)
                .slice().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        int n = data.remaining();
        float[] rowMajor = new float[n];
        int[] idx = new int[shape.length];
        for (int f = 0; f < n; f++) {
            // f walks column-major order: the first axis varies fastest
            int r = 0;
            for (int a = 0; a < shape.length; a++) {
                r = r * (int) shape[a] + idx[a];
            }
            rowMajor[r] = data.get(f);
            for (int a = 0; a < shape.length && ++idx[a] == shape[a]; a++) {
                idx[a] = 0;
            }
        }
        return Tensor.ofFloats(rowMajor, shape);
    }

    private static String npyHeader(Path file) {
        byte[] bytes = readAll(file);
        int headerLen = ByteBuffer.wrap(bytes, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xffff;
        return new String(bytes, 10, headerLen, java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static byte[] readAll(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The official input rule: int16 samples of {@code uttN_16k.wav} / 32768 as float32. */
    static float[] utterance(String utt) {
        return readInt16Wav(dir().resolve(utt + "_16k.wav"));
    }

    /** Codes of an expected int64 file {@code (K, B, T)} as {@code int[K][B][T]}. */
    static int[][][] codes(Tensor t) {
        long[] s = t.shape();
        long[] v = t.toLongArray();
        int[][][] out = new int[(int) s[0]][(int) s[1]][(int) s[2]];
        int i = 0;
        for (int[][] layer : out) {
            for (int[] row : layer) {
                for (int f = 0; f < row.length; f++) {
                    row[f] = (int) v[i++];
                }
            }
        }
        return out;
    }

    /**
     * A minimal reader of mono 16-bit PCM WAV files (test-local on purpose: main code reads audio elsewhere).
     */
    static float[] readInt16Wav(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
            fail(file + " is not a RIFF/WAVE file");
        }
        int pos = 12;
        int channels = -1;
        int bits = -1;
        while (pos + 8 <= bytes.length) {
            int id = b.getInt(pos);
            int size = b.getInt(pos + 4);
            if (id == 0x20746d66) { // "fmt "
                channels = b.getShort(pos + 10);
                bits = b.getShort(pos + 22);
            } else if (id == 0x61746164) { // "data"
                if (channels != 1 || bits != 16) {
                    fail(file + ": expected mono 16-bit PCM, got " + channels + " channels, " + bits + " bits");
                }
                float[] x = new float[size / 2];
                for (int i = 0; i < x.length; i++) {
                    x[i] = b.getShort(pos + 8 + 2 * i) / 32768.0f;
                }
                return x;
            }
            pos += 8 + size + (size & 1);
        }
        fail(file + " has no data chunk");
        return null;
    }
}
