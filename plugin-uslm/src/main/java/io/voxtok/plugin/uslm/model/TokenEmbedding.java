package io.voxtok.plugin.uslm.model;

import ai.djl.ndarray.NDArray;
import io.voxtok.nn.StateDictBlock;

/**
 * The official {@code TokenEmbedding}: an embedding table under the child name {@code word_embeddings}, with
 * dropout 0 (the official modules are built with dropout 0.0, so none is applied).
 */
public final class TokenEmbedding extends StateDictBlock {
    private final EmbeddingTable table;

    /** @param weight {@code [rows, d]} */
    public TokenEmbedding(NDArray weight) {
        this.table = child("word_embeddings", new EmbeddingTable(weight));
    }

    /** The table. */
    public EmbeddingTable table() {
        return table;
    }

    /** The table as an array ({@code [rows, d]}), e.g. a NAR stage embedding {@code [1, d]}. */
    public NDArray weight() {
        return table.weightParameter().getArray();
    }

    @Override
    public NDArray forward(NDArray ids, boolean training) {
        return table.forward(ids, training);
    }
}
