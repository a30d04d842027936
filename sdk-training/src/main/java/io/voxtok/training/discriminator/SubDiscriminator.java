package io.voxtok.training.discriminator;

import ai.djl.ndarray.NDArray;
import io.voxtok.nn.StateDictBlock;

import java.util.List;

/**
 * One sub-discriminator of a family ({@code DiscriminatorP}, {@code DiscriminatorS}, {@code DiscriminatorSTFT}).
 */
abstract class SubDiscriminator extends StateDictBlock {
    /**
     * Logits and feature maps of one input.
     *
     * @param logits      flattened {@code (B, N)}
     * @param featureMaps the activations the feature-matching loss compares, in layer order
     */
    record Output(NDArray logits, List<NDArray> featureMaps) {
        Output {
            featureMaps = List.copyOf(featureMaps);
        }
    }

    /**
     * Scores one batch.
     *
     * @param x        input of this sub-discriminator, {@code (B, 1, L)}
     * @param training training mode (spectral norm power iterations)
     * @return outputs on {@code x}'s manager
     */
    abstract Output score(NDArray x, boolean training);

    /** {@inheritDoc} The flattened logits; the feature maps are released. */
    @Override
    public final NDArray forward(NDArray x, boolean training) {
        Output out = score(x, training);
        out.featureMaps().forEach(NDArray::close);
        return out.logits();
    }

    /** {@code LeakyReLU} that closes its input (an intermediate the graph keeps if it needs it). */
    static NDArray leakyRelu(NDArray x, float slope) {
        try (x) {
            return x.getNDArrayInternal().leakyRelu(slope);
        }
    }

    /** {@code torch.flatten(x, 1, -1)}. */
    static NDArray flattenBatch(NDArray x) {
        return x.reshape(x.getShape().get(0), -1);
    }
}
