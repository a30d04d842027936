package io.voxtok.plugin.slmtokbench.alignment;

import io.voxtok.api.VoxtokException;
import java.util.Locale;

/**
 * Architecture and training settings of the text-alignment probe.
 *
 * <p>{@link #paper()} is SPEC 7.2: a 2-layer BiLSTM with 1024 units per direction. What the paper leaves open is
 * chosen here and marked so: embedding size 1024 (the SpeechTokenizer codebook dimension), Adam with
 * learning rate 1e-3 and torch's default betas, batch 16, 20 epochs, the weights of the epoch with the lowest dev
 * loss kept. {@link #small()} keeps the architecture's shape (2 BiLSTM layers, so the second layer still sees both
 * directions' context) at 128 units and 128-dimensional embeddings: under 1 M parameters instead of about 43 M,
 * trainable on a shared CPU in minutes on a few hundred short utterances, which is what a laptop run and the
 * bundled corpus need; its numbers are not comparable to the paper's.
 *
 * @param name              preset name, recorded in results
 * @param lstmLayers        BiLSTM layers
 * @param hiddenSize        units per direction
 * @param embeddingSize     embedding size per codebook
 * @param combination       how codebook embeddings are combined
 * @param epochs            training epochs
 * @param batchSize         utterances per batch
 * @param learningRate      Adam learning rate (constant)
 * @param negativesPerItem  transcripts paired with each token sequence for the vCLUB negative term; when at least the
 *                          test-set size, every pair is used (the exact formula)
 */
public record ProbePreset(String name, int lstmLayers, int hiddenSize, int embeddingSize,
                          InputCombination combination, int epochs, int batchSize, double learningRate,
                          int negativesPerItem) {
    /** Checks ranges. */
    public ProbePreset {
        if (lstmLayers < 1 || hiddenSize < 1 || embeddingSize < 1 || epochs < 1 || batchSize < 1
                || negativesPerItem < 1 || !(learningRate > 0)) {
            throw VoxtokException.userInput("invalid probe preset " + name + ": layers " + lstmLayers + ", hidden "
                    + hiddenSize + ", embedding " + embeddingSize + ", epochs " + epochs + ", batch " + batchSize
                    + ", lr " + learningRate + ", negatives " + negativesPerItem);
        }
    }

    /** SPEC 7.2: 2 x 1024 BiLSTM. */
    public static ProbePreset paper() {
        return new ProbePreset("paper", 2, 1024, 1024, InputCombination.SUM, 20, 16, 1e-3, 256);
    }

    /** CPU and test size: 2 x 128 BiLSTM. */
    public static ProbePreset small() {
        return new ProbePreset("small", 2, 128, 128, InputCombination.SUM, 30, 8, 2e-3, 256);
    }

    /** A preset by name ({@code paper} or {@code small}). */
    public static ProbePreset byName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "paper" -> paper();
            case "small" -> small();
            default -> throw VoxtokException.userInput("unknown probe preset '" + name + "' (paper, small)");
        };
    }

    /** This preset with another number of epochs. */
    public ProbePreset withEpochs(int n) {
        return new ProbePreset(name, lstmLayers, hiddenSize, embeddingSize, combination, n, batchSize, learningRate,
                negativesPerItem);
    }

    /** This preset with another input combination. */
    public ProbePreset withCombination(InputCombination c) {
        return new ProbePreset(name, lstmLayers, hiddenSize, embeddingSize, c, epochs, batchSize, learningRate,
                negativesPerItem);
    }
}
