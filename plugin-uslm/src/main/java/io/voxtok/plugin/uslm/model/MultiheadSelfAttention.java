package io.voxtok.plugin.uslm.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import io.voxtok.nn.NdArrays;
import io.voxtok.nn.StateDictBlock;

/**
 * The math of {@code F.multi_head_attention_forward} (the official model never takes the fast path): packed
 * {@code in_proj_weight [3d, d]} / {@code in_proj_bias [3d]} (rows {@code [0,d)} Q, {@code [d,2d)} K,
 * {@code [2d,3d)} V), heads split over the feature axis, {@code q / sqrt(d_head)}, additive mask, softmax over keys,
 * attention dropout in training, heads concatenated, {@code out_proj} with bias.
 */
public final class MultiheadSelfAttention extends StateDictBlock {
    private final Parameter inProjWeight;
    private final Parameter inProjBias;
    private final Linear outProj;
    private final int dModel;
    private final int heads;
    private final float dropout;

    /**
     * @param inProjWeight {@code [3d, d]}
     * @param inProjBias   {@code [3d]}
     * @param outProj      {@code d -> d} with bias
     * @param heads        number of heads
     * @param dropout      attention dropout (training only)
     */
    public MultiheadSelfAttention(NDArray inProjWeight, NDArray inProjBias, Linear outProj, int heads, float dropout) {
        this.inProjWeight = parameter("in_proj_weight", inProjWeight);
        this.inProjBias = parameter("in_proj_bias", inProjBias);
        this.outProj = child("out_proj", outProj);
        this.dModel = Math.toIntExact(inProjWeight.getShape().get(1));
        this.heads = heads;
        this.dropout = dropout;
    }

    /** {@inheritDoc} Unmasked self-attention. */
    @Override
    public NDArray forward(NDArray x, boolean training) {
        return forward(x, null, null, training);
    }

    /**
     * Self-attention of {@code x} over itself, or over the cached positions followed by itself.
     *
     * @param x        {@code (N, L, d)}
     * @param mask     additive float mask broadcastable to {@code (N, H, L, L_keys)} ({@code -inf} = masked), or null
     * @param cache    keys/values of earlier positions (appended to), or null
     * @param training dropout on
     * @return {@code (N, L, d)}
     */
    public NDArray forward(NDArray x, NDArray mask, LayerKvCache cache, boolean training) {
        long n = x.getShape().get(0);
        long l = x.getShape().get(1);
        int dh = dModel / heads;
        try (NDArray qkv = TensorOps.linear(x, inProjWeight.getArray(), inProjBias.getArray());
             NDArray split = qkv.reshape(n, l, 3, heads, dh);
             NDArray parts = split.transpose(2, 0, 3, 1, 4);
             NDArray q0 = parts.get(0);
             NDArray k = parts.get(1);
             NDArray v = parts.get(2);
             NDArray q = NdArrays.div(q0, (float) Math.sqrt(dh))) {
            NDArray keys = k;
            NDArray values = v;
            NDArray[] cached = null;
            if (cache != null) {
                cached = cache.append(k, v);
                keys = cached[0];
                values = cached[1];
            }
            try (NDArray cachedKeys = cached == null ? null : cached[0];
                 NDArray cachedValues = cached == null ? null : cached[1];
                 NDArray kt = keys.transpose(0, 1, 3, 2); NDArray scores = q.matMul(kt);
                 NDArray masked = mask == null ? null : scores.add(mask);
                 NDArray weights = (masked == null ? scores : masked).softmax(-1)) {
                NDArray dropped = TensorOps.dropout(weights, dropout, training);
                try (NDArray ctx = dropped.matMul(values); NDArray merged = ctx.transpose(0, 2, 1, 3).reshape(n, l, dModel)) {
                    if (dropped != weights) {
                        dropped.close();
                    }
                    return outProj.forward(merged, training);
                }
            }
        }
    }
}
