package io.voxtok.plugin.uslm.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
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
             NDArray q0 = split(qkv, 0, n, l, dh);
             NDArray k = split(qkv, 1, n, l, dh);
             NDArray v = split(qkv, 2, n, l, dh);
             NDArray q = NdArrays.div(q0, (float) Math.sqrt(dh))) {
            NDArray keys = k;
            NDArray values = v;
            if (cache != null) {
                NDArray[] kv = cache.append(k, v);
                keys = kv[0];
                values = kv[1];
            }
            try (NDArray kt = keys.transpose(0, 1, 3, 2); NDArray scores = q.matMul(kt);
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

    private NDArray split(NDArray qkv, int part, long n, long l, int dh) {
        try (NDArray slice = qkv.get(new NDIndex(":, :, " + part * dModel + ":" + (part + 1) * dModel));
             NDArray r = slice.reshape(n, l, heads, dh)) {
            return r.transpose(0, 2, 1, 3);
        }
    }
}
