package io.voxtok.training.loss;

import ai.djl.ndarray.NDArray;
import io.voxtok.nn.NdArrays;
import io.voxtok.training.DiscriminatorForward;
import java.util.ArrayList;
import java.util.List;

/**
 * HiFi-GAN feature-matching loss as the SpeechTokenizer trainer uses it ({@code feature_loss}, SPEC 2.7):
 * {@code 2 * sum_sub sum_layer mean(|f_real - f_fake|)} over one discriminator family, with <b>no</b> normalisation
 * by the real feature magnitude (unlike EnCodec's). Terms are accumulated sub by sub, layer by layer, as the official
 * loop does, so the float32 rounding is the same.
 */
public final class FeatureMatchingLoss {
    private FeatureMatchingLoss() {
    }

    /**
     * @param real feature maps of the real audio, per sub-discriminator, per layer
     * @param fake feature maps of the reconstruction, same structure (pairs beyond the shorter list are ignored, as
     *             {@code zip} does)
     * @return a float32 scalar attached to the first fake map's manager
     */
    public static NDArray compute(List<List<NDArray>> real, List<List<NDArray>> fake) {
        List<NDArray> all = new ArrayList<>();
        real.forEach(all::addAll);
        fake.forEach(all::addAll);
        if (all.isEmpty()) {
            throw new IllegalArgumentException("no feature maps");
        }
        NDArray anchor = fake.stream().flatMap(List::stream).findFirst().orElse(all.get(0));
        try (LossScope scope = LossScope.open(anchor.getManager(), all)) {
            NDArray loss = null;
            for (int s = 0; s < Math.min(real.size(), fake.size()); s++) {
                List<NDArray> r = real.get(s);
                List<NDArray> g = fake.get(s);
                for (int l = 0; l < Math.min(r.size(), g.size()); l++) {
                    NDArray term = r.get(l).sub(g.get(l)).abs().mean();
                    loss = loss == null ? term : loss.add(term);
                }
            }
            if (loss == null) {
                throw new IllegalArgumentException("no pair of feature maps to compare");
            }
            return scope.keep(NdArrays.mul(loss, 2f));
        }
    }

    /** The loss of one family from its real and fake {@link DiscriminatorForward}s. */
    public static NDArray compute(DiscriminatorForward real, DiscriminatorForward fake) {
        return compute(real.featureMaps(), fake.featureMaps());
    }
}
