package io.voxtok.plugin.uslm.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import io.voxtok.nn.StateDictBlock;

/** {@code nn.Embedding}: one parameter {@code weight [rows, d]}; input int64 ids, output their rows. */
public final class EmbeddingTable extends StateDictBlock {
    private final Parameter weight;

    /** @param weight {@code [rows, d]}, owned by the model's manager */
    public EmbeddingTable(NDArray weight) {
        this.weight = parameter("weight", weight);
    }

    /** The table parameter (shared by a tied prediction layer). */
    public Parameter weightParameter() {
        return weight;
    }

    /** Rows of the table. */
    public long rows() {
        return weight.getArray().getShape().get(0);
    }

    /** {@inheritDoc} Input int64 ids of any shape, output {@code ids.shape + [d]}. */
    @Override
    public NDArray forward(NDArray ids, boolean training) {
        return TensorOps.embedding(ids, weight.getArray());
    }

}
