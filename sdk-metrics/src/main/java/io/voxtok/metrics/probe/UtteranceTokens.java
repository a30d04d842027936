package io.voxtok.metrics.probe;

import io.voxtok.api.VoxtokException;
import io.voxtok.modelio.DType;
import io.voxtok.modelio.NpyFile;
import io.voxtok.modelio.Tensor;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * The RVQ codes of one utterance as {@code [layer][frame]}, read from a {@code .npy} file as written by
 * {@code voxtok encode --format npy}: integer codes of shape {@code (n_q, 1, T)} (or {@code (n_q, T)}).
 *
 * @param id    utterance id (the file name without {@code .npy})
 * @param file  where the codes came from (named in errors)
 * @param codes {@code [layer][frame]}, layer 0 being RVQ-1
 */
public record UtteranceTokens(String id, Path file, int[][] codes) {
    private static final Set<DType> INTEGER = EnumSet.of(DType.INT64, DType.INT32, DType.INT16, DType.INT8, DType.UINT8);

    /** Number of layers. */
    public int layers() {
        return codes.length;
    }

    /** Number of frames. */
    public int frames() {
        return codes[0].length;
    }

    /**
     * Reads and checks one file.
     *
     * @param codebookSize codes must lie in {@code [0, codebookSize)}
     * @throws VoxtokException (USER_INPUT) naming the file when its dtype, shape or values are wrong
     */
    public static UtteranceTokens read(Path file, int codebookSize) {
        Tensor t = NpyFile.read(file);
        String name = file.getFileName().toString();
        String id = name.endsWith(".npy") ? name.substring(0, name.length() - 4) : name;
        if (!INTEGER.contains(t.dtype())) {
            throw VoxtokException.userInput(file + ": codes must be integers, found " + t.dtype());
        }
        long[] shape = t.shape();
        boolean ok = shape.length == 2 || (shape.length == 3 && shape[1] == 1);
        if (!ok || shape[0] < 1 || shape[shape.length - 1] < 1) {
            throw VoxtokException.userInput(file + ": expected codes of shape (n_q, 1, T) or (n_q, T), found "
                    + Arrays.toString(shape));
        }
        int layers = (int) shape[0];
        int frames = (int) shape[shape.length - 1];
        long[] flat = t.toLongArray();
        int[][] codes = new int[layers][frames];
        for (int l = 0; l < layers; l++) {
            for (int f = 0; f < frames; f++) {
                long c = flat[l * frames + f];
                if (c < 0 || c >= codebookSize) {
                    throw VoxtokException.userInput(file + ": code " + c + " at layer " + (l + 1) + ", frame " + f
                            + " is outside [0, " + codebookSize + "); is --codebook-size right?");
                }
                codes[l][f] = (int) c;
            }
        }
        return new UtteranceTokens(id, file, codes);
    }
}
