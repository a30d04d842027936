package io.voxtok.training.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import io.voxtok.training.DiscriminatorForward;
import java.util.ArrayList;
import java.util.List;

/**
 * GAN objectives over the sub-discriminators of one family. Both generator and discriminator terms are
 * <em>summed</em> over sub-discriminators (never averaged), as the SpeechTokenizer trainer does.
 */
public enum AdversarialLoss {
    /**
     * Least-squares GAN, the SpeechTokenizer trainer's choice ({@code adversarial_loss}, {@code discriminator_loss}):
     * generator {@code sum mean((1 - D(x_hat))^2)}, discriminator {@code sum [mean((1 - D(x))^2) + mean(D(x_hat)^2)]}.
     */
    LEAST_SQUARES {
        @Override
        NDArray generatorTerm(NDArray fake) {
            return fake.neg().add(1f).square().mean();
        }

        @Override
        NDArray discriminatorTerm(NDArray real, NDArray fake) {
            return real.neg().add(1f).square().mean().add(fake.square().mean());
        }
    },
    /**
     * Hinge GAN as in the EnCodec paper: generator {@code sum mean(relu(1 - D(x_hat)))}, discriminator
     * {@code sum [mean(relu(1 - D(x))) + mean(relu(1 + D(x_hat)))]}. EnCodec divides both by the number of
     * sub-discriminators K; here they are summed like the LSGAN terms (fold {@code 1/K} into the loss weight).
     */
    HINGE {
        @Override
        NDArray generatorTerm(NDArray fake) {
            return Activation.relu(fake.neg().add(1f)).mean();
        }

        @Override
        NDArray discriminatorTerm(NDArray real, NDArray fake) {
            return Activation.relu(real.neg().add(1f)).mean().add(Activation.relu(fake.add(1f)).mean());
        }
    };

    abstract NDArray generatorTerm(NDArray fake);

    abstract NDArray discriminatorTerm(NDArray real, NDArray fake);

    /**
     * Generator adversarial loss of one family.
     *
     * @param fakeLogits per sub-discriminator, the logits of the reconstruction (any shape)
     * @return a float32 scalar attached to the first logits' manager
     */
    public NDArray generator(List<NDArray> fakeLogits) {
        if (fakeLogits.isEmpty()) {
            throw new IllegalArgumentException("no logits");
        }
        try (LossScope scope = LossScope.open(fakeLogits.get(0).getManager(), fakeLogits)) {
            NDArray loss = null;
            for (NDArray g : fakeLogits) {
                NDArray term = generatorTerm(g);
                loss = loss == null ? term : loss.add(term);
            }
            return scope.keep(loss);
        }
    }

    /**
     * Discriminator loss of one family (official: real and fake lists zipped).
     *
     * @param realLogits per sub-discriminator, the logits of the real audio
     * @param fakeLogits per sub-discriminator, the logits of the (detached) reconstruction
     * @return a float32 scalar attached to the first real logits' manager
     */
    public NDArray discriminator(List<NDArray> realLogits, List<NDArray> fakeLogits) {
        int n = Math.min(realLogits.size(), fakeLogits.size());
        if (n == 0) {
            throw new IllegalArgumentException("no logits");
        }
        List<NDArray> all = new ArrayList<>(realLogits);
        all.addAll(fakeLogits);
        try (LossScope scope = LossScope.open(realLogits.get(0).getManager(), all)) {
            NDArray loss = null;
            for (int i = 0; i < n; i++) {
                NDArray term = discriminatorTerm(realLogits.get(i), fakeLogits.get(i));
                loss = loss == null ? term : loss.add(term);
            }
            return scope.keep(loss);
        }
    }

    /** {@link #generator(List)} on a {@link DiscriminatorForward}. */
    public NDArray generator(DiscriminatorForward fake) {
        return generator(fake.logits());
    }

    /** {@link #discriminator(List, List)} on {@link DiscriminatorForward}s. */
    public NDArray discriminator(DiscriminatorForward real, DiscriminatorForward fake) {
        return discriminator(real.logits(), fake.logits());
    }

    /**
     * Discriminator loss summed over families in order ({@code sum(map(discriminator_loss, ...))}, the trainer's
     * {@code loss_disc_all}).
     *
     * @param real per family, the outputs on the real audio
     * @param fake per family, the outputs on the detached reconstruction
     */
    public NDArray discriminatorTotal(List<DiscriminatorForward> real, List<DiscriminatorForward> fake) {
        if (real.size() != fake.size() || real.isEmpty()) {
            throw new IllegalArgumentException(real.size() + " real and " + fake.size() + " fake families");
        }
        List<NDArray> perFamily = new ArrayList<>(real.size());
        try {
            for (int f = 0; f < real.size(); f++) {
                perFamily.add(discriminator(real.get(f), fake.get(f)));
            }
            return Sums.inOrder(perFamily);
        } finally {
            perFamily.forEach(NDArray::close);
        }
    }
}
