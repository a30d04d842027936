package io.voxtok.training.loss;

import io.voxtok.modelio.Json;
import io.voxtok.training.TestData;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Official weights from the fixture's trainer config and the defaults; mel weights must agree with the mel loss. */
class LossWeightsTest {
    @Test
    void fromFixtureConfig() {
        Map<String, Object> cfg = Json.readObject(TestData.fixture().resolve("config.json"));
        LossWeights w = LossWeights.fromConfig(cfg);
        assertEquals(LossWeights.speechTokenizer(), w);
        assertEquals(List.of(45.0, 1.0, 1.0, 1.0), w.mel());
        assertEquals(500, w.reconstruction());
        assertEquals(10, w.commitment());
        assertEquals(120, w.distillation());
        assertEquals(1, w.feature());
        assertEquals(1, w.adversarial());
        assertEquals(new LossWeights(List.of(2.0), 500, 10, 7, 1, 1),
                LossWeights.fromConfig(Map.of("mel_loss_lambdas", List.of(2L), "distill_loss_lambda", 7L)));
    }

    @Test
    void melWeightsMustMatchTheMelLoss() {
        MultiResolutionMelLoss mel = MultiResolutionMelLoss.speechTokenizer(List.of(45.0, 1.0, 1.0, 1.0));
        assertEquals(4, mel.resolutions().size());
        assertEquals(List.of(1024, 512, 256, 128),
                mel.resolutions().stream().map(r -> r.spectrogram().nFft()).toList());
        assertEquals(List.of(240, 120, 60, 30), mel.resolutions().stream().map(r -> r.spectrogram().hop()).toList());
        LossWeights other = new LossWeights(List.of(1.0, 1.0, 1.0, 1.0), 500, 10, 120, 1, 1);
        assertThrows(IllegalArgumentException.class, () -> new GeneratorLoss(other, mel, DistillationLoss.dAxis(),
                AdversarialLoss.LEAST_SQUARES));
        assertThrows(IllegalArgumentException.class, () -> new LossWeights(List.of(Double.NaN), 1, 1, 1, 1, 1));
    }
}
