package io.voxtok.training.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * {@code torch.nn.utils.clip_grad_norm_} (PyTorch 1.13, L2): the total norm is the L2 norm of the per-gradient L2
 * norms (float32), and every gradient is multiplied in place by {@code min(max_norm / (total + 1e-6), 1)} (computed
 * as torch does: {@code (1 / (total + 1e-6)) * max_norm} in float32). The SpeechTokenizer trainer does not clip; this
 * is for trainers that do.
 */
public final class GradientClipping {
    private GradientClipping() {
    }

    /**
     * Clips the gradients of {@code parameters} (those that do not require a gradient are ignored).
     *
     * @param parameters       parameters whose accumulated gradients are scaled in place
     * @param maxNorm          largest allowed total norm
     * @param errorIfNonfinite throw when the total norm is NaN or infinite (torch's {@code error_if_nonfinite})
     * @return the total norm before clipping (0 when there is no gradient)
     */
    public static float clipGradNorm(Collection<NDArray> parameters, double maxNorm, boolean errorIfNonfinite) {
        List<NDArray> grads = new ArrayList<>();
        try {
            for (NDArray p : parameters) {
                if (p.hasGradient()) {
                    grads.add(p.getGradient());
                }
            }
            return clipGradients(grads, maxNorm, errorIfNonfinite);
        } finally {
            grads.forEach(NDArray::close);
        }
    }

    /**
     * Clips the given gradient arrays in place.
     *
     * @return the total norm before clipping (0 for an empty list)
     */
    public static float clipGradients(List<NDArray> gradients, double maxNorm, boolean errorIfNonfinite) {
        if (gradients.isEmpty()) {
            return 0f;
        }
        float total = totalNorm(gradients);
        if (errorIfNonfinite && !Float.isFinite(total)) {
            throw new IllegalStateException("the total norm of the gradients is " + total
                    + ", so they cannot be clipped (errorIfNonfinite)");
        }
        float coef = Math.min((1f / (total + 1e-6f)) * (float) maxNorm, 1f);
        if (coef != 1f) { // a factor of exactly 1 leaves the values unchanged
            for (NDArray g : gradients) {
                try (NDArray alias = g.stopGradient()) {
                    alias.muli(coef);
                }
            }
        }
        return total;
    }

    /** float32 L2 norm of the per-array L2 norms, as torch's {@code norm(stack(norms))}. */
    static float totalNorm(List<NDArray> arrays) {
        NDManager parent = arrays.get(0).getManager();
        try (NDManager scope = parent.newSubManager()) {
            NDList norms = new NDList(arrays.size());
            for (NDArray g : arrays) {
                NDArray n = g.norm();
                n.attach(scope);
                norms.add(n.toDevice(arrays.get(0).getDevice(), false));
            }
            NDArray stacked = NDArrays.stack(norms);
            stacked.attach(scope);
            NDArray total = stacked.norm();
            total.attach(scope);
            return total.getFloat();
        }
    }
}
