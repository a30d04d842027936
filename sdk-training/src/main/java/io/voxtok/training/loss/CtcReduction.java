package io.voxtok.training.loss;

/** How {@link CtcLoss} combines the per-item losses, as {@code torch.nn.functional.ctc_loss}'s {@code reduction}. */
public enum CtcReduction {
    /** One loss per item, shape {@code (B)}. */
    NONE,
    /** The sum over the batch, a scalar. */
    SUM,
    /** Each item's loss divided by its target length (at least 1), then the mean over the batch (torch's rule). */
    MEAN
}
