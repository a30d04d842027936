package io.voxtok.training.loss;

import ai.djl.ndarray.NDArray;
import io.voxtok.nn.NdArrays;
import io.voxtok.training.DiscriminatorForward;
import java.util.ArrayList;
import java.util.List;

/**
 * The SpeechTokenizer generator objective (SPEC 2.7), summed in the trainer's order so that float32 rounding matches:
 * {@code L_G = L_feat + L_adv + L_mel + L_q * w_q + L_recon * w_recon + w_distill * L_distill}, where {@code L_feat}
 * and {@code L_adv} are sums over discriminator families (in the given order) times their weights (1 officially,
 * and multiplying by 1 is exact), and {@code L_mel} is the weighted multi-resolution sum.
 */
public final class GeneratorLoss {
    private final LossWeights weights;
    private final MultiResolutionMelLoss melLoss;
    private final DistillationLoss distillationLoss;
    private final AdversarialLoss adversarialLoss;

    /**
     * @param weights          term weights; {@code weights.mel()} must equal {@code melLoss}'s lambdas
     * @param melLoss          the multi-resolution mel loss
     * @param distillationLoss {@code d_axis} or {@code t_axis}
     * @param adversarialLoss  the GAN objective (official: {@link AdversarialLoss#LEAST_SQUARES})
     */
    public GeneratorLoss(LossWeights weights, MultiResolutionMelLoss melLoss, DistillationLoss distillationLoss,
            AdversarialLoss adversarialLoss) {
        List<Double> melWeights = weights.mel().stream().map(w -> (double) w.floatValue()).toList();
        if (!melWeights.equals(melLoss.lambdas())) {
            throw new IllegalArgumentException("mel weights " + weights.mel() + " differ from the mel loss's "
                    + melLoss.lambdas());
        }
        this.weights = weights;
        this.melLoss = melLoss;
        this.distillationLoss = distillationLoss;
        this.adversarialLoss = adversarialLoss;
    }

    /** The official configuration at 16 kHz with {@code weights} (LSGAN, {@code d_axis}). */
    public static GeneratorLoss speechTokenizer(LossWeights weights) {
        return new GeneratorLoss(weights, MultiResolutionMelLoss.speechTokenizer(weights.mel()),
                DistillationLoss.dAxis(), AdversarialLoss.LEAST_SQUARES);
    }

    /** The weights. */
    public LossWeights weights() {
        return weights;
    }

    /** The mel loss. */
    public MultiResolutionMelLoss melLoss() {
        return melLoss;
    }

    /** The distillation loss. */
    public DistillationLoss distillationLoss() {
        return distillationLoss;
    }

    /** The adversarial objective. */
    public AdversarialLoss adversarialLoss() {
        return adversarialLoss;
    }

    /**
     * Evaluates every term.
     *
     * @param target         {@code x (B, 1, L)}
     * @param reconstruction {@code x_hat (B, 1, L')}
     * @param commitment     {@code L_q}, a scalar from the quantizer (not closed by the result)
     * @param feature        {@code F (B, T, D)} for distillation, or {@code null} to leave the term out
     * @param teacher        {@code S (B, T', D)}, or {@code null} to leave the term out
     * @param real           per discriminator family, its outputs on {@code x}
     * @param fake           per discriminator family, its outputs on {@code x_hat} (not detached)
     * @return the terms; the arrays are attached to {@code reconstruction}'s manager
     */
    public GeneratorLossTerms compute(NDArray target, NDArray reconstruction, NDArray commitment, NDArray feature,
            NDArray teacher, List<DiscriminatorForward> real, List<DiscriminatorForward> fake) {
        if (real.size() != fake.size()) {
            throw new IllegalArgumentException(real.size() + " real and " + fake.size() + " fake families");
        }
        List<NDArray> featPerFamily = new ArrayList<>(real.size());
        List<NDArray> advPerFamily = new ArrayList<>(real.size());
        List<NDArray> melTerms = List.of();
        List<NDArray> made = new ArrayList<>();
        boolean ok = false;
        try {
            for (int f = 0; f < real.size(); f++) {
                featPerFamily.add(FeatureMatchingLoss.compute(real.get(f), fake.get(f)));
                advPerFamily.add(adversarialLoss.generator(fake.get(f)));
            }
            made.addAll(featPerFamily);
            made.addAll(advPerFamily);
            // without discriminators (a generator-only recipe) both adversarial terms are exactly zero
            NDArray feat = keepIn(made, real.isEmpty() ? target.getManager().zeros(new ai.djl.ndarray.types.Shape())
                    : Sums.inOrder(featPerFamily));
            NDArray adv = keepIn(made, real.isEmpty() ? target.getManager().zeros(new ai.djl.ndarray.types.Shape())
                    : Sums.inOrder(advPerFamily));
            melTerms = melLoss.perResolution(target, reconstruction);
            made.addAll(melTerms);
            NDArray mel = keepIn(made, melLoss.weightedSum(melTerms));
            NDArray recon = keepIn(made, ReconstructionLoss.compute(target, reconstruction));
            NDArray distill = feature == null || teacher == null ? null
                    : keepIn(made, distillationLoss.compute(feature, teacher));
            NDArray total = keepIn(made, total(feat, adv, mel, commitment, recon, distill));
            ok = true;
            return new GeneratorLossTerms(featPerFamily, feat, advPerFamily, adv, melTerms, mel, commitment, recon,
                    distill, total);
        } finally {
            if (!ok) {
                featPerFamily.forEach(NDArray::close);
                advPerFamily.forEach(NDArray::close);
                made.forEach(NDArray::close);
            }
        }
    }

    private static NDArray keepIn(List<NDArray> made, NDArray a) {
        made.add(a);
        return a;
    }

    private NDArray total(NDArray feat, NDArray adv, NDArray mel, NDArray commitment, NDArray recon,
            NDArray distill) {
        List<NDArray> inputs = new ArrayList<>(List.of(feat, adv, mel, commitment, recon));
        if (distill != null) {
            inputs.add(distill);
        }
        try (LossScope scope = LossScope.open(mel.getManager(), inputs)) {
            // scalars through NdArrays: autograd keeps each factor for backward (see NdArrays.mul)
            NDArray sum = NdArrays.mul(feat, (float) weights.feature()).add(NdArrays.mul(adv, (float) weights.adversarial()))
                    .add(mel)
                    .add(NdArrays.mul(commitment, (float) weights.commitment()))
                    .add(NdArrays.mul(recon, (float) weights.reconstruction()));
            if (distill != null) {
                sum = sum.add(NdArrays.mul(distill, (float) weights.distillation()));
            }
            return scope.keep(sum);
        }
    }
}
