package io.voxtok.plugin.uslm.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;

/**
 * Fused engine operations whose result is attached to the <em>input's</em> manager (DJL attaches results to the
 * receiver's manager; using the input as receiver keeps weights' managers free of temporaries). All keep the
 * autograd graph.
 */
public final class TensorOps {
    private TensorOps() {
    }

    /** {@code x W^T + b} ({@code bias} may be null). */
    public static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
        return x.getNDArrayInternal().linear(x, weight, bias).singletonOrThrow();
    }

    /** Rows of {@code table} picked by int64 {@code ids}; the result lives on the ids' manager. */
    public static NDArray embedding(NDArray ids, NDArray table) {
        return ids.getNDArrayInternal().embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
    }

    /** LayerNorm over the last axis with affine parameters. */
    public static NDArray layerNorm(NDArray x, NDArray gamma, NDArray beta, float eps) {
        return x.getNDArrayInternal().layerNorm(x, new Shape(x.getShape().get(x.getShape().dimension() - 1)),
                gamma, beta, eps).singletonOrThrow();
    }

    /** Dropout when training with a positive rate; otherwise {@code x} itself (no copy). */
    public static NDArray dropout(NDArray x, float rate, boolean training) {
        if (!training || rate <= 0) {
            return x;
        }
        return x.getNDArrayInternal().dropout(x, rate, true).singletonOrThrow();
    }
}
