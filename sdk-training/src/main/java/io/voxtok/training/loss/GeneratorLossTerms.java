package io.voxtok.training.loss;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;

/**
 * Every term of one generator objective evaluation (float32 scalars, unweighted unless said otherwise), for
 * backward ({@link #total()}) and logging. Closing closes all of them.
 *
 * @param featurePerFamily     feature-matching loss per discriminator family (each already includes the factor 2)
 * @param feature              {@code L_feat}: sum over families
 * @param adversarialPerFamily generator adversarial loss per family
 * @param adversarial          {@code L_adv}: sum over families
 * @param melPerResolution     {@code L_mel,i}, unweighted
 * @param mel                  {@code sum_i lambda_i L_mel,i} (weighted, as the trainer's {@code loss_mel})
 * @param commitment           {@code L_q} as given
 * @param reconstruction       {@code L_recon}
 * @param distillation         {@code L_distill}, or {@code null} when no teacher was given
 * @param total                {@code L_G}, the weighted sum in the trainer's order
 */
public record GeneratorLossTerms(List<NDArray> featurePerFamily, NDArray feature, List<NDArray> adversarialPerFamily,
        NDArray adversarial, List<NDArray> melPerResolution, NDArray mel, NDArray commitment, NDArray reconstruction,
        NDArray distillation, NDArray total) implements AutoCloseable {
    /** Copies the lists. */
    public GeneratorLossTerms {
        featurePerFamily = List.copyOf(featurePerFamily);
        adversarialPerFamily = List.copyOf(adversarialPerFamily);
        melPerResolution = List.copyOf(melPerResolution);
    }

    /** Closes every array except {@link #commitment()}, which the caller passed in and still owns. */
    @Override
    public void close() {
        List<NDArray> all = new ArrayList<>(featurePerFamily);
        all.addAll(adversarialPerFamily);
        all.addAll(melPerResolution);
        all.add(feature);
        all.add(adversarial);
        all.add(mel);
        all.add(reconstruction);
        all.add(total);
        if (distillation != null) {
            all.add(distillation);
        }
        all.forEach(NDArray::close);
    }
}
