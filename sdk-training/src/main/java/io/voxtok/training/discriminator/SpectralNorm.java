package io.voxtok.training.discriminator;

import ai.djl.ndarray.NDArray;

/**
 * The arithmetic of {@code torch.nn.utils.spectral_norm} (PyTorch 1.13, {@code n_power_iterations = 1},
 * {@code eps = 1e-12}, {@code dim = 0}).
 *
 * <p>With {@code W = weight_orig.reshape(out, -1)}: in training mode each call first runs one power iteration
 * without gradient, {@code v = normalize(W^T u)}, {@code u = normalize(W v)}, storing both as the new buffers;
 * then {@code sigma = u . (W v)} with {@code u, v} constants and {@code W} differentiable, and the weight is
 * {@code weight_orig / sigma}. In eval mode the stored vectors are used as they are.
 */
final class SpectralNorm {
    /** PyTorch's default {@code eps} of {@code spectral_norm}. */
    static final double EPS = 1e-12;

    private SpectralNorm() {
    }

    /** The power-iteration vectors after one iteration. */
    record Vectors(NDArray u, NDArray v) {
    }

    /**
     * One power iteration, outside the autograd graph.
     *
     * @param weightOrig the unnormalised weight {@code (out, ...)}
     * @param u          current left vector {@code (out)}
     * @param v          current right vector {@code (numel / out)}; only its shape matters, as in PyTorch
     * @return new vectors on {@code weightOrig}'s manager, not requiring gradients
     */
    static Vectors powerIteration(NDArray weightOrig, NDArray u, NDArray v) {
        long out = weightOrig.getShape().get(0);
        try (NDArray detached = weightOrig.stopGradient();
             NDArray mat = detached.reshape(out, -1);
             NDArray matT = mat.transpose();
             NDArray tu = matT.matMul(u)) {
            if (tu.size() != v.size()) {
                throw new IllegalStateException("spectral norm v has " + v.size() + " values, expected " + tu.size());
            }
            NDArray newV = tu.normalize(2, 0, EPS);
            try (NDArray wv = mat.matMul(newV)) {
                return new Vectors(wv.normalize(2, 0, EPS), newV);
            }
        }
    }

    /**
     * The normalised weight {@code weight_orig / (u . (W v))}, differentiable with respect to {@code weightOrig}.
     *
     * @return a new array on {@code weightOrig}'s manager (the caller closes it)
     */
    static NDArray normalizedWeight(NDArray weightOrig, NDArray u, NDArray v) {
        long out = weightOrig.getShape().get(0);
        try (NDArray mat = weightOrig.reshape(out, -1);
             NDArray wv = mat.matMul(v);
             NDArray sigma = u.dot(wv)) {
            return weightOrig.div(sigma);
        }
    }
}
