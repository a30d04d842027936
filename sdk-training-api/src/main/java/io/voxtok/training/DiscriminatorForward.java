package io.voxtok.training;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * Outputs of every sub-discriminator for one batch, as HiFi-GAN/EnCodec losses need them.
 *
 * @param logits      per sub-discriminator, flattened logits {@code (B, N_i)}
 * @param featureMaps per sub-discriminator, the intermediate activations used by the feature-matching loss
 */
public record DiscriminatorForward(List<NDArray> logits, List<List<NDArray>> featureMaps) {
    /** Copies the lists. */
    public DiscriminatorForward {
        logits = List.copyOf(logits);
        featureMaps = featureMaps.stream().map(List::copyOf).toList();
    }
}
