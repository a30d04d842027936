package io.voxtok.plugin.speechtokenizer.training;

import io.voxtok.training.discriminator.DiscriminatorInit;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tiny SpeechTokenizer trained from scratch (PyTorch-style initialisation, k-means codebooks on the first
 * batch) on one utterance must fit it: the multi-scale mel loss falls by a large factor. The configuration
 * ({@code overfit.json}) sets both adversarial weights to 0, so the trainer skips the discriminators and the run
 * takes seconds; the adversarial path is covered by the parity and resume tests. The bound is an improvement
 * ratio, not a number copied from a run.
 */
class OverfitTest {

    @Test
    void tinyModelFitsOneUtterance() {
        TrainingConfig config;
        try {
            config = TrainingConfig.read(java.nio.file.Path.of(getClass().getResource("/training/overfit.json").toURI()));
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        float[] all = TrainingFixture.npy("inputs/step1_x.npy").toFloatArray();
        float[] utterance = Arrays.copyOfRange(all, 0, config.segmentSize());
        float[][] batch = {utterance, utterance};
        SpeechTokenizerTrainer.StartState fresh = new SpeechTokenizerTrainer.StartState(null, Map.of(
                "mpd", DiscriminatorInit.pytorchDefault(1), "msd", DiscriminatorInit.pytorchDefault(2),
                "mstftd", DiscriminatorInit.pytorchDefault(3)));
        int steps = 300;
        double[] mel = new double[steps];
        try (SpeechTokenizerTrainer trainer = new SpeechTokenizerTrainer(config, fresh, steps)) {
            for (int i = 0; i < steps; i++) {
                mel[i] = trainer.trainStep(batch, null, null).scalars().get("L_mel_0");
            }
        }
        double first = mel[0]; // the untrained model (k-means codebooks, no update yet)
        double last = Arrays.stream(mel, steps - 10, steps).average().orElseThrow();
        System.out.printf("overfit: mel loss (resolution 0) %.3f at the first step, %.3f over the last 10%n",
                first, last);
        assertTrue(last < first / 3, "mel loss fell only from " + first + " to " + last);
    }
}
