package io.voxtok.plugin.uslm.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The official attention masks as additive float arrays ({@code 0} allowed, {@code -inf} masked), shaped to
 * broadcast over heads: {@code (N, 1, L_q, L_k)}.
 */
public final class AttentionMasks {
    private AttentionMasks() {
    }

    /**
     * The AR mask of the training forward over {@code [S text ; T audio]}: text rows see all text and no audio,
     * audio row j sees all text and audio {@code <= j}; then the key padding of both segments is merged into every
     * row.
     */
    public static NDArray arTraining(NDManager m, int[] xLens, int[] yLens, int s, int t) {
        int n = xLens.length;
        int l = s + t;
        float[] v = new float[n * l * l];
        for (int b = 0; b < n; b++) {
            for (int r = 0; r < l; r++) {
                for (int c = 0; c < l; c++) {
                    boolean masked;
                    if (c < s) {
                        masked = c >= xLens[b];
                    } else {
                        int audioCol = c - s;
                        masked = r < s || audioCol > r - s || audioCol >= yLens[b];
                    }
                    v[(b * l + r) * l + c] = masked ? Float.NEGATIVE_INFINITY : 0f;
                }
            }
        }
        return m.create(v, new Shape(n, 1, l, l));
    }

    /**
     * The AR inference mask of one unpadded item ({@code s} text + {@code t} audio positions): text rows see text,
     * audio rows see text and causal audio. {@code (1, 1, s+t, s+t)}.
     */
    public static NDArray arInference(NDManager m, int s, int t) {
        return arTraining(m, new int[] {s}, new int[] {t}, s, t);
    }

    /** The NAR key-padding mask {@code (N, 1, 1, S + T)}: padded text and audio keys masked, nothing else. */
    public static NDArray keyPadding(NDManager m, int[] xLens, int[] yLens, int s, int t) {
        int n = xLens.length;
        float[] v = new float[n * (s + t)];
        for (int b = 0; b < n; b++) {
            for (int c = 0; c < s + t; c++) {
                boolean masked = c < s ? c >= xLens[b] : c - s >= yLens[b];
                v[b * (s + t) + c] = masked ? Float.NEGATIVE_INFINITY : 0f;
            }
        }
        return m.create(v, new Shape(n, 1, 1, s + t));
    }

    /** The NAR key padding as 0/1 flags {@code (N, S + T)} uint8 (1 = padded), the fixture's layout. */
    public static NDArray keyPaddingFlags(NDManager m, int[] xLens, int[] yLens, int s, int t) {
        try (NDArray mask = keyPadding(m, xLens, yLens, s, t); NDArray f = flags(mask)) {
            return f.reshape(xLens.length, s + t);
        }
    }

    /** 0/1 uint8 flags (1 = {@code -inf}) of an additive mask, with the head axis dropped: {@code (N, L_q, L_k)}. */
    public static NDArray flags(NDArray additive) {
        Shape sh = additive.getShape();
        try (NDArray inf = additive.eq(Float.NEGATIVE_INFINITY); NDArray u = inf.toType(DataType.UINT8, false)) {
            return u.reshape(sh.get(0), sh.get(2), sh.get(3));
        }
    }
}
