package io.voxtok.plugin.uslm.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.voxtok.nn.StateDictBlock;

/**
 * The official {@code SinePositionalEmbedding} ({@code scale=False}): {@code out = dropout(x + alpha * pe[:T])} with
 * the interleaved table {@code pe[t, 2i] = sin(t w_i)}, {@code pe[t, 2i+1] = cos(t w_i)},
 * {@code w_i = exp(2i * -(ln 10000 / d))}, computed in float32 exactly like the official code ({@code w_i} and
 * {@code t * w_i} rounded to float32 before sin/cos). One learnable parameter {@code alpha [1]}.
 *
 * <p>The table is grown on demand and kept per instance (guarded by the instance lock), so that step-by-step
 * generation does not recompute sines every step.
 */
public final class SinePositionalEmbedding extends StateDictBlock {
    private final Parameter alpha;
    private final int dModel;
    private final float dropout;
    private float[] table = new float[0];
    private int tableRows;

    /**
     * @param alpha   {@code [1]}
     * @param dModel  width
     * @param dropout dropout applied in training
     */
    public SinePositionalEmbedding(NDArray alpha, int dModel, float dropout) {
        if (dModel % 2 != 0) {
            throw new IllegalArgumentException("sinusoidal positions need an even width, got " + dModel);
        }
        this.alpha = parameter("alpha", alpha);
        this.dModel = dModel;
        this.dropout = dropout;
    }

    /** The scale parameter. */
    public Parameter alpha() {
        return alpha;
    }

    /** {@inheritDoc} Positions start at 0; {@code x} is {@code (N, T, d)}. */
    @Override
    public NDArray forward(NDArray x, boolean training) {
        return forward(x, 0, training);
    }

    /**
     * Adds positions {@code offset .. offset + T - 1} (used by cached generation for one new frame).
     *
     * @param x        {@code (N, T, d)}
     * @param offset   position of the first row
     * @param training dropout on
     */
    public NDArray forward(NDArray x, int offset, boolean training) {
        int t = Math.toIntExact(x.getShape().get(1));
        float[] rows = rows(offset, t);
        // engine-owned: the product saves pe for alpha's gradient
        try (NDArray pe = io.voxtok.nn.NdArrays.engineOwned(x.getManager().create(rows, new Shape(1, t, dModel)));
             NDArray scaled = pe.mul(alpha.getArray())) {
            NDArray out = x.add(scaled);
            NDArray dropped = TensorOps.dropout(out, dropout, training);
            if (dropped != out) {
                out.close();
            }
            return dropped;
        }
    }

    /** Rows {@code offset .. offset + count - 1} of the official float32 table, row-major. */
    public synchronized float[] rows(int offset, int count) {
        int need = offset + count;
        if (need > tableRows) {
            int rowsNow = Math.max(need, Math.max(64, tableRows * 2));
            float[] grown = new float[rowsNow * dModel];
            System.arraycopy(table, 0, grown, 0, tableRows * dModel);
            float c = (float) -(Math.log(10000.0) / dModel);
            float[] w = new float[dModel / 2];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) Math.exp((float) (2 * i) * c);
            }
            for (int p = tableRows; p < rowsNow; p++) {
                for (int i = 0; i < w.length; i++) {
                    float a = (float) p * w[i];
                    grown[p * dModel + 2 * i] = (float) Math.sin(a);
                    grown[p * dModel + 2 * i + 1] = (float) Math.cos(a);
                }
            }
            table = grown;
            tableRows = rowsNow;
        }
        float[] out = new float[count * dModel];
        System.arraycopy(table, offset * dModel, out, 0, count * dModel);
        return out;
    }

}
