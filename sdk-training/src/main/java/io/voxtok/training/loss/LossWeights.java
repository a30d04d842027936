package io.voxtok.training.loss;

import java.util.List;
import java.util.Map;

/**
 * Weights of the SpeechTokenizer generator objective (SPEC 2.7):
 * {@code L_G = feature L_feat + adversarial L_adv + sum_i mel_i L_mel,i + commitment L_q + reconstruction L_recon
 * + distillation L_distill}.
 *
 * @param mel            weight per mel resolution (official {@code mel_loss_lambdas} = [45, 1, 1, 1])
 * @param reconstruction time-domain L1 weight ({@code recon_loss_lambda} = 500)
 * @param commitment     RVQ commitment weight ({@code commitment_loss_lambda} = 10)
 * @param distillation   semantic distillation weight ({@code distill_loss_lambda} = 120)
 * @param feature        feature-matching weight (1; not configurable in the official trainer)
 * @param adversarial    adversarial weight (1; not configurable in the official trainer)
 */
public record LossWeights(List<Double> mel, double reconstruction, double commitment, double distillation,
        double feature, double adversarial) {
    /** Copies the mel list and checks that every weight is finite. */
    public LossWeights {
        mel = List.copyOf(mel);
        if (mel.isEmpty()) {
            throw new IllegalArgumentException("need at least one mel weight");
        }
        for (double w : mel) {
            requireFinite(w, "mel");
        }
        requireFinite(reconstruction, "reconstruction");
        requireFinite(commitment, "commitment");
        requireFinite(distillation, "distillation");
        requireFinite(feature, "feature");
        requireFinite(adversarial, "adversarial");
    }

    /** The official defaults: mel [45, 1, 1, 1], reconstruction 500, commitment 10, distillation 120, 1, 1. */
    public static LossWeights speechTokenizer() {
        return new LossWeights(List.of(45.0, 1.0, 1.0, 1.0), 500, 10, 120, 1, 1);
    }

    /**
     * Reads {@code mel_loss_lambdas}, {@code recon_loss_lambda}, {@code commitment_loss_lambda} and
     * {@code distill_loss_lambda} of a trainer config (as parsed by {@code io.voxtok.modelio.Json}); absent keys keep
     * the official defaults.
     */
    public static LossWeights fromConfig(Map<String, ?> config) {
        LossWeights d = speechTokenizer();
        List<Double> mel = d.mel();
        Object lambdas = config.get("mel_loss_lambdas");
        if (lambdas instanceof List<?> list) {
            mel = list.stream().map(v -> number(v, "mel_loss_lambdas")).toList();
        } else if (lambdas != null) {
            throw new IllegalArgumentException("mel_loss_lambdas must be a list of numbers, got " + lambdas);
        }
        return new LossWeights(mel, value(config, "recon_loss_lambda", d.reconstruction()),
                value(config, "commitment_loss_lambda", d.commitment()),
                value(config, "distill_loss_lambda", d.distillation()), d.feature(), d.adversarial());
    }

    private static double value(Map<String, ?> config, String key, double fallback) {
        Object v = config.get(key);
        return v == null ? fallback : number(v, key);
    }

    private static double number(Object v, String key) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException(key + " must be a number, got " + v);
    }

    private static void requireFinite(double w, String what) {
        if (!Double.isFinite(w)) {
            throw new IllegalArgumentException(what + " weight must be finite, got " + w);
        }
    }
}
