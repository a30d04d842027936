package io.voxtok.plugin.uslm.data;

import java.util.List;

/**
 * One training batch in the official USLM layout (vall-e's {@code TextTokenCollater} and audio collation), as
 * plain arrays that a trainer turns into tensors: text {@code x} {@code (N, S)} int64, {@code <bos> ... <eos>}
 * padded with {@code <pad>} = 0, and {@code x_lens} counting BOS and EOS; codes {@code y} {@code (N, T, L)} int64
 * padded with 0 (the model zeroes padded frames itself), and {@code y_lens}. {@code S == max(x_lens)} and
 * {@code T == max(y_lens)}, which the official forward requires. Arrays are row-major; callers must not modify
 * them.
 *
 * @param ids    utterance ids, in batch order
 * @param text   {@code x}, {@code N * S} values
 * @param width  {@code S}
 * @param xLens  {@code x_lens}
 * @param codes  {@code y}, {@code N * T * L} values ({@code [n][t][l]})
 * @param frames {@code T}
 * @param layers {@code L}
 * @param yLens  {@code y_lens}
 */
public record UslmBatch(List<String> ids, long[] text, int width, int[] xLens, long[] codes, int frames, int layers,
                        int[] yLens) {
    /** Validates the shapes. */
    public UslmBatch {
        ids = List.copyOf(ids);
        int n = ids.size();
        if (xLens.length != n || yLens.length != n || text.length != (long) n * width
                || codes.length != (long) n * frames * layers) {
            throw new IllegalArgumentException("inconsistent batch shapes");
        }
    }

    /** Number of utterances {@code N}. */
    public int size() {
        return ids.size();
    }

    /** {@code [N, S]}. */
    public long[] textShape() {
        return new long[] {size(), width};
    }

    /** {@code [N, T, L]}. */
    public long[] codesShape() {
        return new long[] {size(), frames, layers};
    }
}
