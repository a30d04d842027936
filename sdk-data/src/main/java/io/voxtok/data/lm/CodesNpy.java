package io.voxtok.data.lm;

import io.voxtok.api.VoxtokException;
import io.voxtok.modelio.DType;
import io.voxtok.modelio.NpyFile;
import io.voxtok.modelio.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * The codes of one utterance as a {@code .npy} of shape {@code (frames, layers)}: the official per-utterance
 * layout {@code (T, 8)} of USLM's audio batch. int16 holds every code of a codebook of up to 32767 entries (1024
 * for SpeechTokenizer) at a quarter of int64's size; larger codebooks use int32. Written through a temporary file
 * ({@link NpyFile#write}), so a killed run never leaves a partial file under the final name.
 */
public final class CodesNpy {
    private CodesNpy() {
    }

    /**
     * Writes {@code codes[layer][frame]} transposed to {@code (frames, layers)}.
     *
     * @param codebookSize codes lie in {@code [0, codebookSize)}; picks int16 or int32
     */
    public static void write(Path file, int[][] codes, int codebookSize) {
        int layers = codes.length;
        int frames = layers == 0 ? 0 : codes[0].length;
        boolean small = codebookSize <= Short.MAX_VALUE + 1;
        ByteBuffer b = ByteBuffer.allocate(frames * layers * (small ? 2 : 4)).order(ByteOrder.LITTLE_ENDIAN);
        for (int t = 0; t < frames; t++) {
            for (int l = 0; l < layers; l++) {
                if (small) {
                    b.putShort((short) codes[l][t]);
                } else {
                    b.putInt(codes[l][t]);
                }
            }
        }
        b.flip();
        NpyFile.write(file, new Tensor(small ? DType.INT16 : DType.INT32, new long[] {frames, layers}, b));
    }

    /**
     * Reads a codes file, frame-major: element {@code [t * layers + l]} is layer {@code l} of frame {@code t}.
     *
     * @param frames       the expected frame count, or -1 for any
     * @param layers       the expected layer count
     * @param codebookSize codes must lie in {@code [0, codebookSize)}
     * @throws VoxtokException naming the file when it is not an integer array of that shape and range
     */
    public static int[] read(Path file, int frames, int layers, int codebookSize) {
        Tensor t = NpyFile.read(file);
        long[] s = t.shape();
        if (t.dtype() != DType.INT16 && t.dtype() != DType.INT32 && t.dtype() != DType.INT64) {
            throw VoxtokException.userInput(file + ": codes must be int16/int32/int64, found " + t.dtype());
        }
        if (s.length != 2 || s[1] != layers || (frames >= 0 && s[0] != frames)) {
            throw VoxtokException.userInput(file + ": codes have shape " + java.util.Arrays.toString(s) + " but ("
                    + (frames >= 0 ? frames : "frames") + ", " + layers + ") was expected; delete the file to "
                    + "re-encode it");
        }
        long[] v = t.toLongArray();
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] < 0 || v[i] >= codebookSize) {
                throw VoxtokException.userInput(file + ": code " + v[i] + " at frame " + i / layers + " layer "
                        + i % layers + " is outside [0, " + codebookSize + ")");
            }
            out[i] = (int) v[i];
        }
        return out;
    }

    /** Number of frames of a codes file (its first dimension). */
    public static int frames(Path file, int layers, int codebookSize) {
        return read(file, -1, layers, codebookSize).length / layers;
    }
}
