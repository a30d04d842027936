package io.voxtok.plugin.uslm.model;

import ai.djl.ndarray.NDArray;
import io.voxtok.nn.StateDictBlock;

/**
 * The official pre-LN {@code TransformerEncoderLayer} ({@code norm_first=True}, ReLU, FFN {@code 4d}):
 * {@code x = x + dropout(SA(norm1(x)))}, {@code x = x + dropout(linear2(dropout(relu(linear1(norm2(x))))))}.
 * Children {@code self_attn}, {@code linear1}, {@code linear2}, {@code norm1}, {@code norm2}; the norms are
 * LayerNorm (AR) or AdaptiveLayerNorm (NAR).
 */
public final class TransformerEncoderLayer extends StateDictBlock {
    private final MultiheadSelfAttention selfAttn;
    private final Linear linear1;
    private final Linear linear2;
    private final PreNorm norm1;
    private final PreNorm norm2;
    private final float dropout;

    /**
     * @param selfAttn attention
     * @param linear1  {@code d -> 4d}
     * @param linear2  {@code 4d -> d}
     * @param norm1    a {@link StateDictBlock} implementing {@link PreNorm}
     * @param norm2    idem
     * @param dropout  residual and FFN dropout (training only)
     */
    public <N extends StateDictBlock & PreNorm> TransformerEncoderLayer(MultiheadSelfAttention selfAttn, Linear linear1,
                                                                        Linear linear2, N norm1, N norm2, float dropout) {
        this.selfAttn = child("self_attn", selfAttn);
        this.linear1 = child("linear1", linear1);
        this.linear2 = child("linear2", linear2);
        this.norm1 = child("norm1", norm1);
        this.norm2 = child("norm2", norm2);
        this.dropout = dropout;
    }

    /** {@inheritDoc} Unmasked AR-style layer (no stage embedding). */
    @Override
    public NDArray forward(NDArray x, boolean training) {
        return forward(x, null, null, null, training);
    }

    /**
     * @param x              {@code (N, L, d)}
     * @param mask           additive attention mask or null
     * @param stageEmbedding NAR stage embedding {@code (1, d)} or null
     * @param cache          this layer's KV cache or null
     * @param training       dropout on
     */
    public NDArray forward(NDArray x, NDArray mask, NDArray stageEmbedding, LayerKvCache cache, boolean training) {
        NDArray h;
        try (NDArray n1 = norm1.normalize(x, stageEmbedding);
             NDArray sa = selfAttn.forward(n1, mask, cache, training)) {
            NDArray d = TensorOps.dropout(sa, dropout, training);
            h = x.add(d);
            if (d != sa) {
                d.close();
            }
        }
        try (h; NDArray n2 = norm2.normalize(h, stageEmbedding);
             NDArray a = linear1.forward(n2, training);
             NDArray r = a.getNDArrayInternal().relu()) {
            NDArray rd = TensorOps.dropout(r, dropout, training);
            try (NDArray f = linear2.forward(rd, training)) {
                if (rd != r) {
                    rd.close();
                }
                NDArray fd = TensorOps.dropout(f, dropout, training);
                NDArray out = h.add(fd);
                if (fd != f) {
                    fd.close();
                }
                return out;
            }
        }
    }
}
