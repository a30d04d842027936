package io.voxtok.nn.quantization;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * One Euclidean codebook ({@code EuclideanCodebook.embed}, {@code [bins, dim]}) used for inference.
 *
 * <p>The nearest code is {@code argmax(-(|x|^2 - 2 x.e + |e|^2))} computed in float32 in that operation order,
 * ties going to the first maximum, exactly as the official code; {@code |e|^2} is computed once at
 * construction (same values, same order). Immutable and thread-safe.
 */
public final class Codebook {
    private final NDArray embed;
    private final NDArray embedT;
    private final NDArray embedSquaredNorms;

    /** @param embed {@code [bins, dim]} on the weights' manager */
    public Codebook(NDArray embed) {
        if (embed.getShape().dimension() != 2) {
            throw new IllegalArgumentException("codebook must be [bins, dim], got " + embed.getShape());
        }
        this.embed = embed;
        this.embedT = embed.transpose().duplicate();
        try (NDArray sq = embedT.square()) {
            this.embedSquaredNorms = sq.sum(new int[] {0}, true);
        }
    }

    /** Number of codes. */
    public int bins() {
        return Math.toIntExact(embed.getShape().get(0));
    }

    /** Vector dimension. */
    public int dim() {
        return Math.toIntExact(embed.getShape().get(1));
    }

    /** The code vectors {@code [bins, dim]} (do not modify or close). */
    public NDArray embed() {
        return embed;
    }

    /**
     * Nearest code per row.
     *
     * @param x {@code (N, dim)} float32
     * @return int64 {@code (N)}, attached to {@code x}'s manager
     */
    public NDArray nearest(NDArray x) {
        try (NDArray xx = x.square();
             NDArray x2 = xx.sum(new int[] {1}, true);
             NDArray xe = x.matMul(embedT);
             NDArray xe2 = xe.mul(2f);
             NDArray a = x2.sub(xe2);
             NDArray d = a.add(embedSquaredNorms);
             NDArray neg = d.neg()) {
            return neg.argMax(1);
        }
    }

    /**
     * Code vectors of the given indices.
     *
     * @param indices int64 {@code (N)}
     * @return {@code (N, dim)}, attached to {@code indices}' manager
     */
    public NDArray lookup(NDArray indices) {
        Shape s = indices.getShape();
        if (s.dimension() != 1) {
            throw new IllegalArgumentException("indices must be 1-D, got " + s);
        }
        return embed.get(indices.getManager(), new NDIndex("{}", indices));
    }
}
