package io.voxtok.plugin.hubert.model;

import io.voxtok.api.teacher.LayerSelection;
import java.util.Optional;

/**
 * All hidden states of one utterance in the Hugging Face {@code hidden_states} indexing: {@code [0]} is the
 * transformer input after the positional conv and the encoder layer norm, {@code [i]} the output of layer
 * {@code i}. Each state is {@code frames x dim} float32, row-major. Optionally also the CNN feature-extractor
 * output ({@code frames x convDim}). Immutable once built (accessors copy).
 */
public final class HubertHiddenStates {
    private final float[][] states;
    private final int frames;
    private final int dim;
    private final float[] cnn;
    private final int cnnDim;

    /**
     * @param states one row-major {@code frames x dim} array per hidden state (not copied: the caller hands them over)
     * @param frames frames
     * @param dim    hidden size
     * @param cnn    CNN features {@code frames x cnnDim}, or null
     * @param cnnDim channels of the CNN features (ignored without them)
     */
    public HubertHiddenStates(float[][] states, int frames, int dim, float[] cnn, int cnnDim) {
        for (float[] s : states) {
            if (s.length != frames * dim) {
                throw new IllegalArgumentException("hidden state of " + s.length + " values, expected " + frames + "x" + dim);
            }
        }
        this.states = states;
        this.frames = frames;
        this.dim = dim;
        this.cnn = cnn;
        this.cnnDim = cnnDim;
    }

    /** Frames. */
    public int frames() {
        return frames;
    }

    /** Hidden size. */
    public int dim() {
        return dim;
    }

    /** Number of hidden states (layers + 1). */
    public int count() {
        return states.length;
    }

    /** Hidden state {@code i} (copy). */
    public float[] state(int i) {
        if (i < 0 || i >= states.length) {
            throw new IllegalArgumentException("hidden state " + i + " does not exist: this model has 0.." + (states.length - 1));
        }
        return states[i].clone();
    }

    /**
     * The selected features: one hidden state, or the arithmetic mean of all of them (SpeechTokenizer's
     * {@code torch.mean(torch.stack(hidden_states), 0)}), accumulated in double.
     */
    public float[] select(LayerSelection layers) {
        if (layers instanceof LayerSelection.Single s) {
            return state(s.layer());
        }
        float[] out = new float[frames * dim];
        for (int j = 0; j < out.length; j++) {
            double sum = 0;
            for (float[] s : states) {
                sum += s[j];
            }
            out[j] = (float) (sum / states.length);
        }
        return out;
    }

    /** CNN feature-extractor output ({@code frames x cnnDim}, copy), when it was requested. */
    public Optional<float[]> cnnFeatures() {
        return Optional.ofNullable(cnn).map(float[]::clone);
    }

    /** Channels of the CNN features. */
    public int cnnDim() {
        return cnnDim;
    }
}
