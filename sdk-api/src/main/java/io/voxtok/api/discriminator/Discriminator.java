package io.voxtok.api.discriminator;

import io.voxtok.api.Component;
import io.voxtok.api.audio.AudioBuffer;

/**
 * Scores audio as real or generated (inference view; training uses the gradient-carrying view in
 * {@code sdk-training-api}). Thread-safe for concurrent {@link #score} calls.
 */
public interface Discriminator extends Component {
    /** Input description and sub-discriminator names. */
    DiscriminatorSpec spec();

    /** Logits of every sub-discriminator for mono audio at {@code spec().sampleRate()}. */
    DiscriminatorScores score(AudioBuffer audio);
}
