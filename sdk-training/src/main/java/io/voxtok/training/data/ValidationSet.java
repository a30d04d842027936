package io.voxtok.training.data;

import io.voxtok.api.VoxtokException;
import java.util.Arrays;

/**
 * The dev items as the trainer validates on them, with no randomness: the first {@code maxSamples} samples of each
 * item (SPEC 2.7: the first 30 s), shorter items whole and unpadded (the official validation loader runs batch 1),
 * and the features of those samples, {@code min(nFeat, maxSamples / hop)} frames from frame 0. Items are loaded on
 * demand, one at a time, in corpus order. Thread-safe.
 */
public final class ValidationSet {
    /** The official trainer validates on the first 30 s of each dev item. */
    public static final double DEFAULT_SECONDS = 30.0;

    private final TrainingCorpus corpus;
    private final int maxSamples;
    private final int hop;

    /**
     * @param corpus     the dev items
     * @param maxSamples audio samples kept per item (> 0)
     * @param hop        samples per teacher frame
     */
    public ValidationSet(TrainingCorpus corpus, int maxSamples, int hop) {
        if (maxSamples <= 0 || hop <= 0) {
            throw new IllegalArgumentException("bad validation length " + maxSamples + " or hop " + hop);
        }
        this.corpus = corpus;
        this.maxSamples = maxSamples;
        this.hop = hop;
    }

    /** The first {@code seconds} of each item, at the spec's rate and hop. */
    public static ValidationSet firstSeconds(TrainingCorpus corpus, CropSpec spec, double seconds) {
        if (corpus.sampleRate() != spec.sampleRate()) {
            throw VoxtokException.userInput(corpus.name() + " is loaded at " + corpus.sampleRate() + " Hz, the crop spec "
                    + "expects " + spec.sampleRate() + " Hz");
        }
        return new ValidationSet(corpus, (int) Math.round(seconds * spec.sampleRate()), spec.hop());
    }

    /** Number of items. */
    public int size() {
        return corpus.size();
    }

    /** Audio samples kept per item. */
    public int maxSamples() {
        return maxSamples;
    }

    /**
     * Item {@code i}.
     *
     * @throws VoxtokException naming the item and its file when it cannot be loaded
     */
    public ValidationItem get(int i) {
        LoadedClip c = corpus.load(i);
        float[] audio = c.audio().length > maxSamples ? Arrays.copyOf(c.audio(), maxSamples) : c.audio();
        float[][] f = null;
        if (c.hasFeatures()) {
            f = Arrays.copyOf(c.features(), Math.min(c.features().length, maxSamples / hop));
        }
        return new ValidationItem(c.item().id(), audio, f);
    }
}
