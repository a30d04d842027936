package io.voxtok.training.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.voxtok.modelio.Json;
import io.voxtok.training.DiscriminatorForward;
import io.voxtok.training.TestData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Case (b) of the training parity fixture: every official loss term on the stored step-1 inputs (x, x_hat, F, S, L_q)
 * and the case (a) discriminator logits, each within the fixture's {@code suggested_atol}.
 *
 * <p>Feature maps are stored sampled (except the last map of each MPD/MSD sub-discriminator), so {@code L_feat}
 * cannot be recomputed from the maps: the stored whole maps check {@code mean |f_real - f_fake|}, and the family
 * sums are checked by feeding the fixture's per-map values through {@link FeatureMatchingLoss} (as maps whose mean
 * absolute difference is exactly that value), which also drives {@code L_feat} and {@code L_G} of
 * {@link GeneratorLoss}.
 */
class FixtureLossTermsTest {
    private static final String[] FAMILIES = {"mpd", "msd", "mstftd"};
    private static final int[] SUBS = {5, 3, 5};
    private static Map<String, Object> losses;

    @BeforeAll
    static void read() {
        losses = Json.readObject(TestData.fixture().resolve("expected/losses.json"));
    }

    private static double value(String term) {
        return TestData.number(losses, "terms", term, "value");
    }

    private static void check(String term, NDArray actual) {
        double expected = value(term);
        double atol = TestData.number(losses, "terms", term, "suggested_atol");
        double got = actual.getFloat();
        System.out.printf("%-26s java %.9g  official %.9g  |diff| %.3g  (atol %.3g)%n", term, got, expected,
                Math.abs(got - expected), atol);
        TestData.assertNear(expected, got, atol, term);
    }

    private static NDArray fixtureNd(NDManager m, String relative) {
        return TestData.nd(m, TestData.fixtureTensor(relative));
    }

    private static List<NDArray> logits(NDManager m, String family, String kind) {
        List<NDArray> out = new ArrayList<>();
        int subs = SUBS[List.of(FAMILIES).indexOf(family)];
        for (int i = 0; i < subs; i++) {
            out.add(fixtureNd(m, "expected/" + family + "/" + kind + "_logit_" + i + ".npy"));
        }
        return out;
    }

    /** Per family, per sub, per layer: the official mean |f_real - f_fake| (float32 value). */
    @SuppressWarnings("unchecked")
    private static List<List<List<Float>>> perMapMeanAbs() {
        Map<String, Object> perMap = (Map<String, Object>) losses.get("per_feature_map_mean_abs_real_minus_fake");
        List<List<List<Float>>> out = new ArrayList<>();
        for (String family : FAMILIES) {
            List<List<Float>> subs = new ArrayList<>();
            for (Object o : (List<Object>) perMap.get(family)) {
                Map<String, Object> e = (Map<String, Object>) o;
                int sub = ((Number) e.get("sub")).intValue();
                int layer = ((Number) e.get("layer")).intValue();
                while (subs.size() <= sub) {
                    subs.add(new ArrayList<>());
                }
                assertEquals(layer, subs.get(sub).size(), "layers in order");
                subs.get(sub).add((float) TestData.number(e, "mean_abs_real_minus_fake", "value"));
            }
            out.add(subs);
        }
        return out;
    }

    @Test
    void melReconstructionAndDistillation() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = fixtureNd(m, "inputs/step1_x.npy").expandDims(1);
            NDArray xHat = fixtureNd(m, "expected/step1_x_hat.npy");
            MultiResolutionMelLoss mel = MultiResolutionMelLoss.speechTokenizer(LossWeights.speechTokenizer().mel());
            List<NDArray> terms = mel.perResolution(x, xHat);
            for (int i = 0; i < 4; i++) {
                check("L_mel_" + i, terms.get(i));
            }
            check("L_mel_weighted", mel.weightedSum(terms));
            check("L_recon", ReconstructionLoss.compute(x, xHat));
            NDArray feature = fixtureNd(m, "expected/step1_feature.npy");
            check("L_distill", DistillationLoss.dAxis().compute(feature, fixtureNd(m, "inputs/step1_teacher.npy")));
            check("L_distill_teacher_longer",
                    DistillationLoss.dAxis().compute(feature, fixtureNd(m, "inputs/teacher_longer.npy")));
        }
    }

    @Test
    void discriminatorAndAdversarialTerms() {
        try (NDManager m = NDManager.newBaseManager()) {
            List<DiscriminatorForward> real = new ArrayList<>();
            List<DiscriminatorForward> fake = new ArrayList<>();
            List<NDArray> adv = new ArrayList<>();
            for (String family : FAMILIES) {
                List<NDArray> r = logits(m, family, "real");
                List<NDArray> g = logits(m, family, "fake");
                check("L_D_" + family, AdversarialLoss.LEAST_SQUARES.discriminator(r, g));
                NDArray a = AdversarialLoss.LEAST_SQUARES.generator(g);
                check("L_adv_" + family, a);
                adv.add(a);
                real.add(new DiscriminatorForward(r, List.of()));
                fake.add(new DiscriminatorForward(g, List.of()));
            }
            check("L_D", AdversarialLoss.LEAST_SQUARES.discriminatorTotal(real, fake));
            check("L_adv", Sums.inOrder(adv));
        }
    }

    @Test
    void featureMatchingOnWholeStoredMaps() {
        List<List<List<Float>>> perMap = perMapMeanAbs();
        try (NDManager m = NDManager.newBaseManager()) {
            // the last map of every MPD and MSD sub-discriminator (its conv_post output) is stored whole
            int checked = 0;
            for (int f = 0; f < 2; f++) {
                for (int sub = 0; sub < SUBS[f]; sub++) {
                    int layer = perMap.get(f).get(sub).size() - 1;
                    String base = "expected/" + FAMILIES[f] + "/";
                    NDArray r = fixtureNd(m, base + "real_fmap_" + sub + "_" + layer + ".npy");
                    NDArray g = fixtureNd(m, base + "fake_fmap_" + sub + "_" + layer + ".npy");
                    // one map: 2 * mean |r - g|
                    float got = FeatureMatchingLoss.compute(List.of(List.of(r)), List.of(List.of(g))).getFloat() / 2;
                    float expected = perMap.get(f).get(sub).get(layer);
                    TestData.assertNear(expected, got, 4 * Math.ulp(expected),
                            FAMILIES[f] + " sub " + sub + " layer " + layer + " mean |f_r - f_g|");
                    checked++;
                }
            }
            assertEquals(8, checked);
        }
    }

    @Test
    void featureMatchingSumsAndGeneratorTotal() {
        List<List<List<Float>>> perMap = perMapMeanAbs();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = fixtureNd(m, "inputs/step1_x.npy").expandDims(1);
            NDArray xHat = fixtureNd(m, "expected/step1_x_hat.npy");
            NDArray feature = fixtureNd(m, "expected/step1_feature.npy");
            NDArray teacher = fixtureNd(m, "inputs/step1_teacher.npy");
            NDArray lq = m.create((float) TestData.number(losses, "inputs", "L_q"));
            List<DiscriminatorForward> real = new ArrayList<>();
            List<DiscriminatorForward> fake = new ArrayList<>();
            for (int f = 0; f < FAMILIES.length; f++) {
                // maps whose mean |real - fake| is exactly the official per-map value
                List<List<NDArray>> realMaps = new ArrayList<>();
                List<List<NDArray>> fakeMaps = new ArrayList<>();
                for (List<Float> sub : perMap.get(f)) {
                    List<NDArray> r = new ArrayList<>();
                    List<NDArray> g = new ArrayList<>();
                    for (float v : sub) {
                        r.add(m.create(new float[] {v, -v}));
                        g.add(m.zeros(new ai.djl.ndarray.types.Shape(2)));
                    }
                    realMaps.add(r);
                    fakeMaps.add(g);
                }
                check("L_feat_" + FAMILIES[f], FeatureMatchingLoss.compute(realMaps, fakeMaps));
                real.add(new DiscriminatorForward(logits(m, FAMILIES[f], "real"), realMaps));
                fake.add(new DiscriminatorForward(logits(m, FAMILIES[f], "fake"), fakeMaps));
            }
            GeneratorLoss loss = GeneratorLoss.speechTokenizer(LossWeights.speechTokenizer());
            try (GeneratorLossTerms t = loss.compute(x, xHat, lq, feature, teacher, real, fake)) {
                check("L_feat", t.feature());
                check("L_adv", t.adversarial());
                check("L_mel_weighted", t.mel());
                check("L_recon", t.reconstruction());
                check("L_distill", t.distillation());
                check("L_G", t.total());
                for (int f = 0; f < FAMILIES.length; f++) {
                    check("L_feat_" + FAMILIES[f], t.featurePerFamily().get(f));
                    check("L_adv_" + FAMILIES[f], t.adversarialPerFamily().get(f));
                }
            }
        }
    }
}
