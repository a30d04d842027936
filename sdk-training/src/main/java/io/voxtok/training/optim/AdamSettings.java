package io.voxtok.training.optim;

/**
 * Hyper-parameters of {@link Adam} ({@code torch.optim.Adam} without amsgrad; the learning rate comes with each
 * step, from a schedule).
 *
 * @param beta1       first-moment decay (0.9)
 * @param beta2       second-moment decay (SpeechTokenizer: 0.99; torch default 0.999)
 * @param eps         added to the bias-corrected RMS (1e-8)
 * @param weightDecay L2 penalty added to the gradient, {@code g + wd * p} (torch Adam, not AdamW); 0 by default
 * @param maximize    ascend instead of descend (torch's {@code maximize}); false by default
 */
public record AdamSettings(double beta1, double beta2, double eps, double weightDecay, boolean maximize) {
    /** Validates the ranges torch checks. */
    public AdamSettings {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("betas must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        if (!(eps >= 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("eps and weight decay must be >= 0, got " + eps + ", " + weightDecay);
        }
    }

    /** The SpeechTokenizer trainer's {@code get_optimizer(wd=0)}: betas (0.9, 0.99), eps 1e-8, no weight decay. */
    public static AdamSettings speechTokenizer() {
        return new AdamSettings(0.9, 0.99, 1e-8, 0.0, false);
    }
}
