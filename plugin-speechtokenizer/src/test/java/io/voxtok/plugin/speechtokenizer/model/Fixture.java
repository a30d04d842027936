package io.voxtok.plugin.speechtokenizer.model;

import ai.djl.Device;
import io.voxtok.modelio.NpyFile;
import io.voxtok.modelio.Tensor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The shared SpeechTokenizer parity fixture ({@code <voxtok.shared>/fixtures/parity/speechtokenizer}). */
final class Fixture {
    private static SpeechTokenizerModel model;

    private Fixture() {
    }

    /** The fixture directory; fails (not skips) when the shared folder is missing. */
    static Path dir() {
        return io.voxtok.plugin.speechtokenizer.SharedFixtures.dir("speechtokenizer");
    }

    /** The fixture model, loaded once per test JVM and shared by the test classes (it is thread-safe). */
    static synchronized SpeechTokenizerModel model() {
        if (model == null) {
            model = SpeechTokenizerModel.load(dir(), Device.cpu());
        }
        return model;
    }

    /** {@code expected/<name>.npy}. */
    static Tensor expected(String name) {
        return NpyFile.read(dir().resolve("expected").resolve(name + ".npy"));
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
