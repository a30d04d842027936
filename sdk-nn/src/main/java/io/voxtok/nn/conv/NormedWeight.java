package io.voxtok.nn.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import io.voxtok.nn.ParameterLoader;

import java.util.function.BiFunction;

/**
 * The weight of a convolution as its block stores it: either {@code torch.nn.utils.weight_norm}'s
 * {@code weight_g}/{@code weight_v} parameters, applied in every forward pass so that both train (SPEC 1.3), or
 * one plain {@code weight}. After {@link #freeze()} the folded weight is computed once and reused (the
 * inference-optimised form), and the {@code g}/{@code v} arrays are released.
 */
final class NormedWeight {
    private final Parameter g;
    private final Parameter v;
    private final Parameter plain;
    private final int dim;
    private NDArray folded;

    /**
     * @param weights  the stored tensors (ownership passes to the registered parameters)
     * @param dim      the axis weight norm keeps
     * @param prefix   local name prefix, e.g. {@code "conv.conv."}
     * @param register the owning block's parameter registration
     */
    NormedWeight(ParameterLoader.WeightNormPair weights, int dim, String prefix,
                 BiFunction<String, NDArray, Parameter> register) {
        this.dim = dim;
        if (weights.normed()) {
            this.g = register.apply(prefix + "weight_g", weights.g());
            this.v = register.apply(prefix + "weight_v", weights.v());
            this.plain = null;
        } else {
            this.g = null;
            this.v = null;
            this.plain = register.apply(prefix + "weight", weights.weight());
        }
    }

    /** Whether the weight is stored as {@code g}/{@code v}. */
    boolean normed() {
        return v != null;
    }

    /** Whether {@link #get} returns an array the caller must close (a fresh fold). */
    boolean freshOnEachCall() {
        return folded == null && plain == null;
    }

    /** Shape of the effective weight. */
    ai.djl.ndarray.types.Shape shape() {
        return folded != null ? folded.getShape() : (plain != null ? plain.getArray() : v.getArray()).getShape();
    }

    /**
     * The effective weight: the frozen fold, the plain weight, or {@code g * v / ||v||} computed now (with
     * gradients to {@code g} and {@code v}). Close it only when {@link #freshOnEachCall()}.
     */
    NDArray get() {
        if (folded != null) {
            return folded;
        }
        if (plain != null) {
            return plain.getArray();
        }
        return WeightNorm.fold(g.getArray(), v.getArray(), dim);
    }

    /** Folds once for inference and releases {@code g} and {@code v}. */
    void freeze() {
        if (normed() && folded == null) {
            folded = WeightNorm.fold(g.getArray(), v.getArray(), dim);
            folded.attach(v.getArray().getManager());
            g.getArray().close();
            v.getArray().close();
        }
    }
}
