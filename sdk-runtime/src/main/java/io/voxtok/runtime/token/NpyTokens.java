package io.voxtok.runtime.token;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.token.TokenMatrix;
import io.voxtok.api.token.TokenProducer;
import io.voxtok.modelio.NpyFile;
import io.voxtok.modelio.Tensor;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Tokens as {@code .npy}: int64 of shape {@code (n_q, B, T)}, exactly what the official
 * {@code SpeechTokenizer.encode} returns. The format has no room for the producer or per-item lengths: every frame
 * is taken as valid and the reader supplies the producer.
 */
public final class NpyTokens {
    private NpyTokens() {
    }

    /** Writes {@code tokens} as int64 {@code (layers, batch, frames)}. */
    public static void write(Path path, TokenMatrix tokens) {
        if (!tokens.sideInfo().isEmpty()) {
            throw new VoxtokException(ErrorKind.USER_INPUT, path + ": these tokens carry side information "
                    + tokens.sideInfo().keySet() + " that .npy cannot hold; write a .vtok file instead");
        }
        int[] codes = tokens.toArray();
        long[] l = new long[codes.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = codes[i];
        }
        NpyFile.write(path, Tensor.ofLongs(l, tokens.layers(), tokens.batchSize(), tokens.frames()));
    }

    private static long fileSize(Path path) {
        try {
            return java.nio.file.Files.size(path);
        } catch (java.io.IOException e) {
            throw new VoxtokException(ErrorKind.ENVIRONMENT, path + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Reads {@code (n_q, B, T)} or {@code (n_q, T)} integer codes. */
    public static TokenMatrix read(Path path, int firstLayer, int codebookSize, double frameRate, TokenProducer producer) {
        Tensor t = NpyFile.read(path);
        long[] shape = t.shape();
        if (shape.length == 2) {
            shape = new long[] {shape[0], 1, shape[1]};
        }
        if (shape.length != 3) {
            throw new VoxtokException(ErrorKind.USER_INPUT, path + ": expected codes of shape (n_q, B, T), got "
                    + Arrays.toString(t.shape()));
        }
        // A token matrix has at least one layer and one item (found by TokenFileFuzzTest: (3, 0, 4) escaped as
        // IllegalArgumentException from TokenMatrix).
        if (shape[0] == 0 || shape[1] == 0) {
            throw new VoxtokException(ErrorKind.USER_INPUT, path + ": shape " + Arrays.toString(t.shape())
                    + " holds no codes: n_q and B must be at least 1");
        }
        if (shape[0] > Integer.MAX_VALUE || shape[1] > Integer.MAX_VALUE || shape[2] > Integer.MAX_VALUE) {
            throw new VoxtokException(ErrorKind.USER_INPUT, path + ": shape " + Arrays.toString(t.shape())
                    + " is too large for a token matrix");
        }
        // Items of 0 frames cost no bytes in .npy, so the shape alone could make new int[batch] allocate gigabytes
        // from a tiny file; no real batch has more items than the file has bytes.
        long fileBytes = fileSize(path);
        if (shape[1] > fileBytes) {
            throw new VoxtokException(ErrorKind.USER_INPUT, path + ": shape " + Arrays.toString(t.shape())
                    + " declares " + shape[1] + " batch items, more than the file's " + fileBytes + " bytes");
        }
        long[] v;
        try {
            v = t.toLongArray();
        } catch (IllegalStateException e) {
            throw new VoxtokException(ErrorKind.USER_INPUT, path + ": codes must be integers, got " + t.dtype());
        }
        int[] codes = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] < 0 || v[i] >= codebookSize) {
                throw new VoxtokException(ErrorKind.USER_INPUT, path + ": code " + v[i] + " at index " + i
                        + " is outside [0, " + codebookSize + ")");
            }
            codes[i] = (int) v[i];
        }
        int b = (int) shape[1];
        int frames = (int) shape[2];
        int[] valid = new int[b];
        Arrays.fill(valid, frames);
        return TokenMatrix.of(codes, (int) shape[0], b, frames, firstLayer, codebookSize, frameRate, valid, producer);
    }
}
